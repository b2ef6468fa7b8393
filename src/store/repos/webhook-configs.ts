import type { Selectable } from 'kysely';
import type { Executor } from '../db.js';
import { prepared } from '../prepared.js';
import type { WebhookConfigTable } from '../schema.js';
import { verifiedRead, type TxReads } from '../verified-reads.js';

export type WebhookConfigRow = Selectable<WebhookConfigTable>;

// Every event's planner reads it: compiled once (prepared.ts).
const bySeller = prepared({ sellerId: true }, (db, p: { sellerId: number }) => db.selectFrom('webhook_configs').selectAll().where('seller_id', '=', p.sellerId));

export async function getWebhookConfig(ex: Executor, sellerId: number): Promise<WebhookConfigRow | undefined> {
  return (await bySeller.run(ex, { sellerId })).rows[0];
}

/** `getWebhookConfig` inside a command's transaction: with `reads` (PostgreSQL), a configuration read before is checked, not read (verified-reads.ts). */
export function webhookConfigIn(ex: Executor, reads: TxReads | undefined, sellerId: number): Promise<WebhookConfigRow | undefined> {
  return verifiedRead(ex, reads, bySeller, { sellerId }, `webhook-config\n${sellerId}`);
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
