import type { Selectable } from 'kysely';
import type { Executor } from '../db.js';
import { prepared } from '../prepared.js';
import type { IdempotencyKeyTable } from '../schema.js';

export type IdempotencyRow = Selectable<IdempotencyKeyTable>;

/** Mercado Pago: a key reused "with a different request within the last 24 hours" is a conflict. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 3600 * 1000;

// Every create, cancel and refund runs these: compiled once (prepared.ts).
const COLUMNS = { seller_id: true, idem_key: true, fingerprint: true, status_code: true, response_body: true, created_at: true } as const;
const claim = prepared(COLUMNS, (db, row: IdempotencyRow) =>
  db
    .insertInto('idempotency_keys')
    .values(row)
    .onConflict((oc) => oc.columns(['seller_id', 'idem_key']).doNothing())
    .returning('idem_key'),
);
const insert = prepared(COLUMNS, (db, row: IdempotencyRow) => db.insertInto('idempotency_keys').values(row));
const find = prepared({ sellerId: true, key: true }, (db, p: { sellerId: number; key: string }) =>
  db.selectFrom('idempotency_keys').selectAll().where('seller_id', '=', p.sellerId).where('idem_key', '=', p.key),
);
const complete = prepared({ sellerId: true, key: true, status: true, body: true }, (db, p: { sellerId: number; key: string; status: number; body: string }) =>
  db.updateTable('idempotency_keys').set({ status_code: p.status, response_body: p.body }).where('seller_id', '=', p.sellerId).where('idem_key', '=', p.key),
);

/**
 * Claims a key for this transaction. On PostgreSQL a concurrent transaction
 * holding the same key makes this wait until it ends (unique index), which is
 * what keeps a duplicate in flight from acting twice.
 */
export async function claimKey(ex: Executor, row: IdempotencyRow): Promise<boolean> {
  return (await claim.run(ex, row)).rows.length === 1;
}

export async function insertKey(ex: Executor, row: IdempotencyRow): Promise<void> {
  await insert.run(ex, row);
}

export async function findKey(ex: Executor, sellerId: number, key: string): Promise<IdempotencyRow | undefined> {
  return (await find.run(ex, { sellerId, key })).rows[0];
}

export async function deleteKey(ex: Executor, sellerId: number, key: string): Promise<void> {
  await ex.deleteFrom('idempotency_keys').where('seller_id', '=', sellerId).where('idem_key', '=', key).execute();
}

export async function completeKey(ex: Executor, sellerId: number, key: string, status: number, body: string): Promise<void> {
  await complete.write(ex, { sellerId, key, status, body });
}
