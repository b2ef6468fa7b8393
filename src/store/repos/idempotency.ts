import type { Selectable } from 'kysely';
import type { Executor } from '../db.js';
import type { IdempotencyKeyTable } from '../schema.js';

export type IdempotencyRow = Selectable<IdempotencyKeyTable>;

/** Mercado Pago: a key reused "with a different request within the last 24 hours" is a conflict. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 3600 * 1000;

/**
 * Claims a key for this transaction. On PostgreSQL a concurrent transaction
 * holding the same key makes this wait until it ends (unique index), which is
 * what keeps a duplicate in flight from acting twice.
 */
export async function claimKey(ex: Executor, row: IdempotencyRow): Promise<boolean> {
  const inserted = await ex
    .insertInto('idempotency_keys')
    .values(row)
    .onConflict((oc) => oc.columns(['seller_id', 'idem_key']).doNothing())
    .returning('idem_key')
    .execute();
  return inserted.length === 1;
}

export async function insertKey(ex: Executor, row: IdempotencyRow): Promise<void> {
  await ex.insertInto('idempotency_keys').values(row).execute();
}

export async function findKey(ex: Executor, sellerId: number, key: string): Promise<IdempotencyRow | undefined> {
  return ex.selectFrom('idempotency_keys').selectAll().where('seller_id', '=', sellerId).where('idem_key', '=', key).executeTakeFirst();
}

export async function deleteKey(ex: Executor, sellerId: number, key: string): Promise<void> {
  await ex.deleteFrom('idempotency_keys').where('seller_id', '=', sellerId).where('idem_key', '=', key).execute();
}

export async function completeKey(ex: Executor, sellerId: number, key: string, status: number, body: string): Promise<void> {
  await ex
    .updateTable('idempotency_keys')
    .set({ status_code: status, response_body: body })
    .where('seller_id', '=', sellerId)
    .where('idem_key', '=', key)
    .execute();
}
