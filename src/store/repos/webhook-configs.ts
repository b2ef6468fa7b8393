import type { Selectable } from 'kysely';
import type { Executor } from '../db.js';
import type { WebhookConfigTable } from '../schema.js';

export type WebhookConfigRow = Selectable<WebhookConfigTable>;

export async function getWebhookConfig(ex: Executor, sellerId: number): Promise<WebhookConfigRow | undefined> {
  return ex.selectFrom('webhook_configs').selectAll().where('seller_id', '=', sellerId).executeTakeFirst();
}

export async function putWebhookConfig(ex: Executor, row: WebhookConfigRow): Promise<void> {
  await ex
    .insertInto('webhook_configs')
    .values(row)
    .onConflict((oc) =>
      oc.column('seller_id').doUpdateSet({
        url: row.url,
        topics: row.topics,
        data_id_casing: row.data_id_casing,
        ts_unit: row.ts_unit,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}
