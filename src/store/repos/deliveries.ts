import { sql, type Insertable, type Selectable } from 'kysely';
import type { DialectName, Executor } from '../db.js';
import { prepared } from '../prepared.js';
import { deferWrite } from '../deferred.js';
import type { DeliveryAttemptTable, DeliveryStatus, DeliveryTable, EventTable } from '../schema.js';
import type { SellerRow } from './sellers.js';
import type { WebhookConfigRow } from './webhook-configs.js';

export type DeliveryRow = Selectable<DeliveryTable>;
export type AttemptRow = Selectable<DeliveryAttemptTable>;

/** Events per statement: the deliveries' 19 columns each keep a statement within both databases' parameter limits. */
const EVENTS_PER_STATEMENT = 500;

type EventRow = Insertable<EventTable>;
const EVENT_COLUMNS = { id: true, seller_id: true, type: true, resource_id: true, created_at: true } as const;
const DELIVERY_COLUMNS = {
  id: true, event_id: true, seller_id: true, kind: true, topic: true, action: true, resource_id: true, url: true, body: true, request_id: true,
  status: true, attempt_count: true, due_at: true, lease_owner: true, lease_until: true, last_error: true, replay_of: true, created_at: true, updated_at: true,
} as const;

// Nearly every command emits one event with at most one delivery: those statements are compiled once (prepared.ts).
const oneEvent = prepared(EVENT_COLUMNS, (db, e: EventRow) => db.insertInto('events').values(e));
const oneDelivery = prepared(DELIVERY_COLUMNS, (db, d: DeliveryRow) => db.insertInto('deliveries').values(d));

/**
 * Events and their deliveries, as deferred inserts: on PostgreSQL, inside a
 * transaction, they go as one statement with the transaction's other held
 * inserts (store/pg-client.ts mergeInserts; the deliveries' foreign key is
 * checked at the end of the statement); on SQLite they run at once. Many
 * events (a batch of timers) go in inserts of up to 500 events.
 */
export async function insertEventsWithDeliveries(ex: Executor, events: readonly EventRow[], deliveries: readonly DeliveryRow[]): Promise<void> {
  if (events.length === 1 && deliveries.length <= 1) {
    await oneEvent.write(ex, events[0]!);
    if (deliveries[0]) await oneDelivery.write(ex, deliveries[0]);
    return;
  }
  for (let i = 0; i < events.length; i += EVENTS_PER_STATEMENT) {
    const chunk = events.slice(i, i + EVENTS_PER_STATEMENT);
    const ids = new Set(chunk.map((e) => e.id));
    const own = chunk.length === events.length ? deliveries : deliveries.filter((d) => ids.has(d.event_id));
    await deferWrite(ex, ex.insertInto('events').values(chunk));
    if (own.length) await deferWrite(ex, ex.insertInto('deliveries').values(own));
  }
}

export async function insertDelivery(ex: Executor, row: DeliveryRow): Promise<void> {
  await deferWrite(ex, ex.insertInto('deliveries').values(row));
}

/** When the earliest pending delivery that no live lease holds is due (wall-clock ms), or undefined when there is none. */
export async function nextClaimableAt(ex: Executor, now: number): Promise<number | undefined> {
  const row = await ex
    .selectFrom('deliveries')
    .select('due_at')
    .where('status', '=', sql.lit('pending'))
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .orderBy('due_at')
    .limit(1)
    .executeTakeFirst();
  return row?.due_at ?? undefined;
}

/** A claimed delivery with what signing it needs: its seller (undefined if deleted) and the seller's webhook configuration. */
export interface Claimed {
  delivery: DeliveryRow;
  seller: SellerRow | undefined;
  config: WebhookConfigRow | undefined;
}

/**
 * Leases up to `limit` due deliveries to `owner` until `now + leaseMs`, with
 * their sellers and webhook configurations. An expired lease (a worker died
 * mid-attempt) is due again. On PostgreSQL, SKIP LOCKED lets several
 * processes claim side by side without waiting, and the claim and the reads
 * are one statement (the UPDATE ... RETURNING as a CTE, joined): one round
 * trip per batch. On SQLite, the claim then one read.
 */
export async function claimDue(ex: Executor, dialect: DialectName, owner: string, now: number, leaseMs: number, limit: number): Promise<Claimed[]> {
  let due = ex
    .selectFrom('deliveries')
    .select('id')
    .where('status', '=', sql.lit('pending'))
    .where('due_at', '<=', now)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .orderBy('due_at')
    .limit(limit);
  if (dialect === 'postgres') due = due.forUpdate().skipLocked();
  const lease = (db: Executor) => db.updateTable('deliveries').set({ lease_owner: owner, lease_until: now + leaseMs }).where('id', 'in', due).returningAll();
  if (dialect === 'postgres') {
    const rows = await ex
      .with('claimed', (db) => lease(db as unknown as Executor))
      .selectFrom('claimed')
      .leftJoin('sellers', 'sellers.id', 'claimed.seller_id')
      .leftJoin('webhook_configs', 'webhook_configs.seller_id', 'claimed.seller_id')
      .selectAll('claimed')
      .select(SELLER_COLUMNS)
      .select(CONFIG_COLUMNS)
      .execute();
    return rows.map((r) => {
      const { s_id, s_site_id, s_name, s_nickname, s_email, s_application_id, s_public_key, s_webhook_secret, s_clock_offset_ms, s_created_at, ...rest } = r;
      const { wc_seller_id, wc_url, wc_topics, wc_data_id_casing, wc_ts_unit, wc_updated_at, ...delivery } = rest;
      const seller: SellerRow | undefined =
        s_id === null
          ? undefined
          : { id: s_id, site_id: s_site_id!, name: s_name!, nickname: s_nickname!, email: s_email!, application_id: s_application_id!, public_key: s_public_key!, webhook_secret: s_webhook_secret!, clock_offset_ms: s_clock_offset_ms!, created_at: s_created_at! };
      return { delivery, seller, config: configOf({ wc_seller_id, wc_url, wc_topics, wc_data_id_casing, wc_ts_unit, wc_updated_at }) };
    });
  }
  const claimed = await lease(ex).execute();
  const sellerIds = [...new Set(claimed.map((d) => d.seller_id))];
  if (!sellerIds.length) return [];
  const found = await ex
    .selectFrom('sellers')
    .leftJoin('webhook_configs', 'webhook_configs.seller_id', 'sellers.id')
    .selectAll('sellers')
    .select(CONFIG_COLUMNS)
    .where('sellers.id', 'in', sellerIds)
    .execute();
  const bySeller = new Map(
    found.map(({ wc_seller_id, wc_url, wc_topics, wc_data_id_casing, wc_ts_unit, wc_updated_at, ...seller }) => [
      seller.id,
      { seller, config: configOf({ wc_seller_id, wc_url, wc_topics, wc_data_id_casing, wc_ts_unit, wc_updated_at }) },
    ]),
  );
  return claimed.map((delivery) => ({ delivery, seller: bySeller.get(delivery.seller_id)?.seller, config: bySeller.get(delivery.seller_id)?.config }));
}

const SELLER_COLUMNS = [
  'sellers.id as s_id',
  'sellers.site_id as s_site_id',
  'sellers.name as s_name',
  'sellers.nickname as s_nickname',
  'sellers.email as s_email',
  'sellers.application_id as s_application_id',
  'sellers.public_key as s_public_key',
  'sellers.webhook_secret as s_webhook_secret',
  'sellers.clock_offset_ms as s_clock_offset_ms',
  'sellers.created_at as s_created_at',
] as const;

const CONFIG_COLUMNS = [
  'webhook_configs.seller_id as wc_seller_id',
  'webhook_configs.url as wc_url',
  'webhook_configs.topics as wc_topics',
  'webhook_configs.data_id_casing as wc_data_id_casing',
  'webhook_configs.ts_unit as wc_ts_unit',
  'webhook_configs.updated_at as wc_updated_at',
] as const;

/** The webhook configuration of a LEFT JOIN's columns (all null: none configured). */
function configOf(c: {
  wc_seller_id: number | null;
  wc_url: string | null;
  wc_topics: string | null;
  wc_data_id_casing: WebhookConfigRow['data_id_casing'] | null;
  wc_ts_unit: WebhookConfigRow['ts_unit'] | null;
  wc_updated_at: number | null;
}): WebhookConfigRow | undefined {
  if (c.wc_seller_id === null) return undefined;
  return { seller_id: c.wc_seller_id, url: c.wc_url, topics: c.wc_topics!, data_id_casing: c.wc_data_id_casing!, ts_unit: c.wc_ts_unit!, updated_at: c.wc_updated_at! };
}

export interface AttemptOutcome {
  status: DeliveryStatus;
  due_at: number | null;
  last_error: string | null;
  updated_at: number;
}

/** One finished attempt to record: the delivery as claimed, its attempt row and its outcome. */
export interface FinishedAttempt {
  d: DeliveryRow;
  attempt: AttemptRow;
  outcome: AttemptOutcome;
}

// SQLite's two statements per attempt, compiled once (prepared.ts): a drain records thousands a second.
type Finish = AttemptOutcome & { id: string; owner: string; attemptCount: number; next: number };
const finishOne = prepared({ id: true, owner: true, attemptCount: true, next: true, status: true, due_at: true, last_error: true, updated_at: true }, (db, p: Finish) =>
  db
    .updateTable('deliveries')
    .set({ status: p.status, due_at: p.due_at, last_error: p.last_error, updated_at: p.updated_at, attempt_count: p.next, lease_owner: null, lease_until: null })
    .where('id', '=', p.id)
    .where('lease_owner', '=', p.owner)
    .where('attempt_count', '=', p.attemptCount),
);
const insertAttempt = prepared(
  { delivery_id: true, number: true, started_at: true, duration_ms: true, request_url: true, request_headers: true, request_body: true, response_status: true, response_body: true, error: true },
  (db, a: AttemptRow) => db.insertInto('delivery_attempts').values(a),
);

/**
 * Records each attempt as number attempt_count+1, only if this owner still
 * holds the delivery's lease: a worker whose lease expired lost the delivery
 * to another, and the (delivery_id, number) key refuses a second row for one
 * attempt. Answers, per attempt, whether it was recorded.
 *
 * On PostgreSQL the whole batch is one statement (arrays unnested, the
 * guarded UPDATE as a data-modifying CTE, the INSERT of the attempts it
 * matched), atomic without a transaction: one round trip for the batch
 * instead of BEGIN, UPDATE, INSERT, COMMIT per attempt. On SQLite (no DML in
 * a CTE) two statements per attempt, and the caller runs the batch in one
 * transaction (one commit).
 */
export async function recordAttempts(ex: Executor, dialect: DialectName, owner: string, batch: FinishedAttempt[]): Promise<boolean[]> {
  if (dialect === 'postgres') {
    const col = <T>(f: (x: FinishedAttempt) => T) => batch.map(f);
    const { rows } = await sql<{ delivery_id: string }>`
      WITH v AS (
        SELECT * FROM unnest(
          ${col((x) => x.d.id)}::text[], ${col((x) => x.d.attempt_count)}::integer[],
          ${col((x) => x.outcome.status)}::text[], ${col((x) => x.outcome.due_at)}::bigint[],
          ${col((x) => x.outcome.last_error)}::text[], ${col((x) => x.outcome.updated_at)}::bigint[],
          ${col((x) => x.attempt.started_at)}::bigint[], ${col((x) => x.attempt.duration_ms)}::integer[],
          ${col((x) => x.attempt.request_url)}::text[], ${col((x) => x.attempt.request_headers)}::text[],
          ${col((x) => x.attempt.request_body)}::text[], ${col((x) => x.attempt.response_status)}::integer[],
          ${col((x) => x.attempt.response_body)}::text[], ${col((x) => x.attempt.error)}::text[]
        ) AS v (id, attempt_count, status, due_at, last_error, updated_at, started_at, duration_ms,
                request_url, request_headers, request_body, response_status, response_body, error)
      ),
      finished AS (
        UPDATE deliveries d
        SET status = v.status, due_at = v.due_at, last_error = v.last_error, updated_at = v.updated_at,
            attempt_count = v.attempt_count + 1, lease_owner = NULL, lease_until = NULL
        FROM v
        WHERE d.id = v.id AND d.lease_owner = ${owner} AND d.attempt_count = v.attempt_count
        RETURNING d.id
      )
      INSERT INTO delivery_attempts (delivery_id, number, started_at, duration_ms, request_url, request_headers,
                                     request_body, response_status, response_body, error)
      SELECT v.id, v.attempt_count + 1, v.started_at, v.duration_ms, v.request_url, v.request_headers,
             v.request_body, v.response_status, v.response_body, v.error
      FROM v JOIN finished ON finished.id = v.id
      RETURNING delivery_id`.execute(ex);
    const recorded = new Set(rows.map((r) => r.delivery_id));
    return batch.map((x) => recorded.has(x.d.id));
  }
  const recorded: boolean[] = [];
  for (const { d, attempt, outcome } of batch) {
    const updated = await finishOne.run(ex, { ...outcome, id: d.id, owner, attemptCount: d.attempt_count, next: d.attempt_count + 1 });
    const ok = Number(updated.numAffectedRows) === 1;
    if (ok) await insertAttempt.run(ex, attempt);
    recorded.push(ok);
  }
  return recorded;
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
