import type { Selectable } from 'kysely';
import type { Executor } from '../db.js';
import type { WebhookConfigTable } from '../schema.js';
import type { SellerRow } from './sellers.js';

export type WebhookConfigRow = Selectable<WebhookConfigTable>;

export async function getWebhookConfig(ex: Executor, sellerId: number): Promise<WebhookConfigRow | undefined> {
  return ex.selectFrom('webhook_configs').selectAll().where('seller_id', '=', sellerId).executeTakeFirst();
}

/** Sellers with their webhook configuration (if any), in one query: what signing a batch of deliveries needs. */
export async function getSellersWithConfigs(ex: Executor, sellerIds: number[]): Promise<Array<{ seller: SellerRow; config: WebhookConfigRow | undefined }>> {
  if (!sellerIds.length) return [];
  const rows = await ex
    .selectFrom('sellers')
    .leftJoin('webhook_configs', 'webhook_configs.seller_id', 'sellers.id')
    .selectAll('sellers')
    .select([
      'webhook_configs.seller_id as wc_seller_id',
      'webhook_configs.url as wc_url',
      'webhook_configs.topics as wc_topics',
      'webhook_configs.data_id_casing as wc_data_id_casing',
      'webhook_configs.ts_unit as wc_ts_unit',
      'webhook_configs.updated_at as wc_updated_at',
    ])
    .where('sellers.id', 'in', sellerIds)
    .execute();
  return rows.map(({ wc_seller_id, wc_url, wc_topics, wc_data_id_casing, wc_ts_unit, wc_updated_at, ...seller }) => ({
    seller,
    config:
      wc_seller_id === null
        ? undefined
        : { seller_id: wc_seller_id, url: wc_url, topics: wc_topics!, data_id_casing: wc_data_id_casing!, ts_unit: wc_ts_unit!, updated_at: wc_updated_at! },
  }));
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
