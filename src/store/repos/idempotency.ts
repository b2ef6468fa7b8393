import type { Selectable } from 'kysely';
import type { Executor } from '../db.js';
import { prepared } from '../prepared.js';
import type { IdempotencyKeyTable } from '../schema.js';

export type IdempotencyRow = Selectable<IdempotencyKeyTable>;

/** Mercado Pago: a key reused "with a different request within the last 24 hours" is a conflict. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 3600 * 1000;

// Every create, cancel and refund runs these: compiled once (prepared.ts).
const COLUMNS = { seller_id: true, idem_key: true, fingerprint: true, status_code: true, response_body: true, created_at: true } as const;
const insert = prepared(COLUMNS, (db, row: IdempotencyRow) => db.insertInto('idempotency_keys').values(row));
const find = prepared({ sellerId: true, key: true }, (db, p: { sellerId: number; key: string }) =>
  db.selectFrom('idempotency_keys').selectAll().where('seller_id', '=', p.sellerId).where('idem_key', '=', p.key),
);

/**
 * Stores a key with its answer, as a deferred write (deferred.ts): a key
 * already taken fails the transaction with a unique violation (the
 * caller, http/idempotency.ts, then looks the key up), never this call.
 */
export async function insertKey(ex: Executor, row: IdempotencyRow): Promise<void> {
  await insert.write(ex, row);
}

export async function findKey(ex: Executor, sellerId: number, key: string): Promise<IdempotencyRow | undefined> {
  return (await find.run(ex, { sellerId, key })).rows[0];
}

/** Deletes a key stored before `before` (past retention); a newer one stays. */
export async function deleteKey(ex: Executor, sellerId: number, key: string, before: number): Promise<void> {
  await ex.deleteFrom('idempotency_keys').where('seller_id', '=', sellerId).where('idem_key', '=', key).where('created_at', '<', before).execute();
}
