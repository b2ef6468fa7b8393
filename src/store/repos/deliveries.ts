import { sql, type Insertable, type Selectable } from 'kysely';
import type { DialectName, Executor } from '../db.js';
import type { DeliveryAttemptTable, DeliveryStatus, DeliveryTable, EventTable } from '../schema.js';

export type DeliveryRow = Selectable<DeliveryTable>;
export type AttemptRow = Selectable<DeliveryAttemptTable>;

export async function insertEvent(ex: Executor, row: Insertable<EventTable>): Promise<void> {
  await ex.insertInto('events').values(row).execute();
}

export async function insertDelivery(ex: Executor, row: DeliveryRow): Promise<void> {
  await ex.insertInto('deliveries').values(row).execute();
}

/**
 * Leases up to `limit` due deliveries to `owner` until `now + leaseMs`. An
 * expired lease (a worker died mid-attempt) is due again. On PostgreSQL,
 * SKIP LOCKED lets several processes claim side by side without waiting.
 */
export async function claimDue(ex: Executor, dialect: DialectName, owner: string, now: number, leaseMs: number, limit: number): Promise<DeliveryRow[]> {
  let due = ex
    .selectFrom('deliveries')
    .select('id')
    .where('status', '=', sql.lit('pending'))
    .where('due_at', '<=', now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .orderBy('due_at')
    .limit(limit);
  if (dialect === 'postgres') due = due.forUpdate().skipLocked();
  return ex
    .updateTable('deliveries')
    .set({ lease_owner: owner, lease_until: now + leaseMs })
    .where('id', 'in', due)
    .returningAll()
    .execute();
}

export interface AttemptOutcome {
  status: DeliveryStatus;
  due_at: number | null;
  last_error: string | null;
  updated_at: number;
}

/**
 * Records attempt number attempt_count+1, only if this owner still holds the
 * lease: a worker whose lease expired lost the delivery to another, and the
 * (delivery_id, number) key refuses a second row for one attempt.
 *
 * On PostgreSQL this is one statement (a data-modifying CTE: the guarded
 * UPDATE, then the INSERT of the attempt only if it matched), atomic without a
 * transaction: one round trip instead of BEGIN, UPDATE, INSERT, COMMIT. On
 * SQLite (no DML in a CTE) it is two statements and the caller runs them in a
 * transaction (in process, no round trips).
 */
export async function recordAttempt(ex: Executor, dialect: DialectName, owner: string, d: DeliveryRow, attempt: AttemptRow, outcome: AttemptOutcome): Promise<boolean> {
  const finish = (db: Executor) =>
    db
      .updateTable('deliveries')
      .set({ ...outcome, attempt_count: d.attempt_count + 1, lease_owner: null, lease_until: null })
      .where('id', '=', d.id)
      .where('lease_owner', '=', owner)
      .where('attempt_count', '=', d.attempt_count);
  if (dialect === 'postgres') {
    // Parameters in a SELECT list have no type of their own: each is cast to its column's.
    const row = await ex
      .with('finished', (db) => finish(db as unknown as Executor).returning('id'))
      .insertInto('delivery_attempts')
      .columns(['delivery_id', 'number', 'started_at', 'duration_ms', 'request_url', 'request_headers', 'request_body', 'response_status', 'response_body', 'error'])
      .expression((eb) =>
        eb
          .selectFrom('finished')
          .select((s) => [
            s.ref('finished.id').as('delivery_id'),
            s.cast<number>(s.val(attempt.number), 'integer').as('number'),
            s.cast<number>(s.val(attempt.started_at), 'bigint').as('started_at'),
            s.cast<number>(s.val(attempt.duration_ms), 'integer').as('duration_ms'),
            s.cast<string>(s.val(attempt.request_url), 'text').as('request_url'),
            s.cast<string>(s.val(attempt.request_headers), 'text').as('request_headers'),
            s.cast<string>(s.val(attempt.request_body), 'text').as('request_body'),
            s.cast<number | null>(s.val(attempt.response_status), 'integer').as('response_status'),
            s.cast<string | null>(s.val(attempt.response_body), 'text').as('response_body'),
            s.cast<string | null>(s.val(attempt.error), 'text').as('error'),
          ]),
      )
      .executeTakeFirst();
    return Number(row.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const updated = await finish(ex).executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return false;
  await ex.insertInto('delivery_attempts').values(attempt).execute();
  return true;
}

/** Gives a lease back without an attempt (shutdown before sending). */
export async function releaseLease(ex: Executor, owner: string, id: string): Promise<void> {
  await ex.updateTable('deliveries').set({ lease_owner: null, lease_until: null }).where('id', '=', id).where('lease_owner', '=', owner).execute();
}

/** A seller's clock moved forward by deltaMs: pending retries come due that much sooner. */
export async function shiftDeliveries(ex: Executor, sellerId: number, deltaMs: number): Promise<void> {
  await ex
    .updateTable('deliveries')
    .set((eb) => ({ due_at: eb('due_at', '-', deltaMs) }))
    .where('seller_id', '=', sellerId)
    .where('status', '=', 'pending')
    .execute();
}

export async function findDelivery(ex: Executor, sellerId: number, id: string): Promise<DeliveryRow | undefined> {
  return ex.selectFrom('deliveries').selectAll().where('seller_id', '=', sellerId).where('id', '=', id).executeTakeFirst();
}

export async function attemptsOf(ex: Executor, deliveryIds: string[]): Promise<AttemptRow[]> {
  if (deliveryIds.length === 0) return [];
  return ex.selectFrom('delivery_attempts').selectAll().where('delivery_id', 'in', deliveryIds).orderBy('delivery_id').orderBy('number').execute();
}

export interface DeliverySearch {
  sellerId: number;
  resourceId?: string | undefined;
  topic?: string | undefined;
  status?: DeliveryStatus | undefined;
  limit: number;
  offset: number;
}

export async function searchDeliveries(ex: Executor, q: DeliverySearch): Promise<{ total: number; rows: DeliveryRow[] }> {
  let base = ex.selectFrom('deliveries').where('seller_id', '=', q.sellerId);
  if (q.resourceId !== undefined) base = base.where('resource_id', '=', q.resourceId);
  if (q.topic !== undefined) base = base.where('topic', '=', q.topic);
  if (q.status !== undefined) base = base.where('status', '=', q.status);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute();
  return { total: Number(total.n), rows };
}
