import { sql } from 'kysely';
import type { DialectName, Executor } from '../db.js';
import { prepared } from '../prepared.js';
import type { MpOrderTable } from '../schema-mp-orders.js';
import type { SellerRow } from './sellers.js';

/**
 * Mercado Pago orders as rows: searchable columns plus the JSON document
 * (the domain's records.ts maps the aggregate to and from them).
 */
// The create and get of an order: compiled once (prepared.ts).
const insertRow = prepared(
  { id: true, seller_id: true, type: true, pos_id: true, external_pos_id: true, mode: true, external_reference: true, currency: true, total_amount: true, status: true, status_detail: true, expires_at: true, version: true, created_at: true, updated_at: true, document: true },
  (db, row: MpOrderTable) => db.insertInto('mp_orders').values(row),
);
const findRow = prepared({ sellerId: true, id: true }, (db, p: { sellerId: number; id: string }) =>
  db.selectFrom('mp_orders').selectAll().where('id', '=', p.id).where('seller_id', '=', p.sellerId),
);

// A GET's read: the document only when the reader does not already hold this version's answer.
const readRow = prepared({ sellerId: true, id: true, known: true }, (db, p: { sellerId: number; id: string; known: number }) =>
  db
    .selectFrom('mp_orders')
    .select(['version', 'created_at'])
    .select(sql<string | null>`CASE WHEN version = ${p.known} THEN NULL ELSE document END`.as('document'))
    .where('id', '=', p.id)
    .where('seller_id', '=', p.sellerId),
);

// A poll of one order authenticates in the same statement (mp-orders/records.ts readOrderWithSeller),
// reading of the seller only what a get uses: every column is a value and a property the driver
// makes per row (the whole seller cost about 3 µs more per read in a loop). On SQLite it is read as
// an array (readOrderRowWithSeller): keep the select list's order.
const readRowWithSeller = prepared({ tokenHash: true, id: true, known: true }, (db, p: { tokenHash: string; id: string; known: number }) =>
  db
    .selectFrom('credentials')
    .innerJoin('sellers', 'sellers.id', 'credentials.seller_id')
    .leftJoin('mp_orders as o', (j) => j.onRef('o.seller_id', '=', 'sellers.id').on('o.id', '=', p.id))
    .select(['sellers.id', 'sellers.clock_offset_ms', 'o.version as o_version', 'o.created_at as o_created_at'])
    .select(sql<string | null>`CASE WHEN o.version = ${p.known} THEN NULL ELSE o.document END`.as('o_document'))
    .where('credentials.token_hash', '=', p.tokenHash)
    .where('credentials.kind', '=', 'access_token'),
);

/** What a get knows of the seller holding the token: who it is and its clock. */
export type SellerOfRead = Pick<SellerRow, 'id' | 'clock_offset_ms'>;

/**
 * `readOrderRow` for the seller holding an access token (by its hash), and that seller's id and
 * clock, in one statement: undefined when no seller holds the token; `order` undefined when the
 * seller has no such order.
 */
export async function readOrderRowWithSeller(
  ex: Executor,
  tokenHash: string,
  id: string,
  known: number,
): Promise<{ seller: SellerOfRead; order: { version: number; created_at: number; document: string | null } | undefined } | undefined> {
  const values = { tokenHash, id, known };
  // On SQLite outside a transaction, at once and as an array (direct-reads.ts): the select list's order.
  const tuples = readRowWithSeller.tuples(ex, values);
  if (tuples) {
    const t = tuples[0] as [number, number, number | null, number | null, string | null] | undefined;
    return t && withSeller(t[0], t[1], t[2], t[3], t[4]);
  }
  const row = (await readRowWithSeller.run(ex, values)).rows[0];
  return row && withSeller(row.id, row.clock_offset_ms, row.o_version, row.o_created_at, row.o_document);
}

function withSeller(id: number, clockOffsetMs: number, version: number | null, createdAt: number | null, document: string | null) {
  return { seller: { id, clock_offset_ms: clockOffsetMs }, order: version === null || createdAt === null ? undefined : { version, created_at: createdAt, document } };
}

/**
 * An order's version and creation time, and its document unless its version
 * is `known` (the caller already holds what that version renders to): a known
 * version is not parsed, nor sent on PostgreSQL. (On SQLite `created_at` is
 * stored after the document, so its overflow page is still read; measured, a
 * cached page costs nothing visible: docs/PERFORMANCE.md, "Six passes before".)
 */
export async function readOrderRow(ex: Executor, sellerId: number, id: string, known: number): Promise<{ version: number; created_at: number; document: string | null } | undefined> {
  return (await readRow.run(ex, { sellerId, id, known })).rows[0];
}

export async function insertOrderRow(ex: Executor, row: MpOrderTable): Promise<void> {
  await insertRow.write(ex, row);
}

export async function findOrderRow(ex: Executor, sellerId: number, id: string): Promise<MpOrderTable | undefined> {
  return (await findRow.run(ex, { sellerId, id })).rows[0];
}

/** For timers, which know an order only by id. */
export async function findOrderRowById(ex: Executor, id: string): Promise<MpOrderTable | undefined> {
  return ex.selectFrom('mp_orders').selectAll().where('id', '=', id).executeTakeFirst();
}

// One order's compare-and-set, compiled once (prepared.ts): a move, and on SQLite each order of a batch.
const casRow = prepared(
  { id: true, expected: true, status: true, status_detail: true, version: true, document: true, updated_at: true },
  (db, p: { id: string; expected: number; status: string; status_detail: string; version: number; document: string; updated_at: number }) =>
    db
      .updateTable('mp_orders')
      .set({ status: p.status, status_detail: p.status_detail, version: p.version, document: p.document, updated_at: p.updated_at })
      .where('id', '=', p.id)
      .where('version', '=', p.expected),
);
const casValues = (row: MpOrderTable, expected: number) => ({ id: row.id, expected, status: row.status, status_detail: row.status_detail, version: row.version, document: row.document, updated_at: row.updated_at });

/** Compare-and-set on version: false when somebody changed the order since it was read. */
export async function casOrderRow(ex: Executor, row: MpOrderTable, expected: number): Promise<boolean> {
  const r = await casRow.run(ex, casValues(row, expected));
  return Number(r.numAffectedRows ?? 0) === 1;
}

/** The newest open static or hybrid order of a POS (what its printed QR falls back to). */
export async function openOrderRowOfPos(ex: Executor, posId: number): Promise<MpOrderTable | undefined> {
  return ex
    .selectFrom('mp_orders')
    .selectAll()
    .where('pos_id', '=', posId)
    .where('status', '=', sql.lit('created'))
    .where('mode', 'in', ['static', 'hybrid'])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export interface OrderSearch {
  sellerId: number;
  from: number;
  to: number;
  externalReference?: string | undefined;
  type?: string | undefined;
  status?: string | undefined;
  statusDetail?: string | undefined;
  sortOrder: 'asc' | 'desc';
  limit: number;
  offset: number;
}

export async function searchOrderRows(ex: Executor, q: OrderSearch): Promise<{ total: number; rows: MpOrderTable[] }> {
  let base = ex.selectFrom('mp_orders').where('seller_id', '=', q.sellerId).where('created_at', '>=', q.from).where('created_at', '<=', q.to);
  if (q.externalReference !== undefined) base = base.where('external_reference', '=', q.externalReference);
  if (q.type !== undefined) base = base.where('type', '=', q.type);
  if (q.status !== undefined) base = base.where('status', '=', q.status);
  if (q.statusDetail !== undefined) base = base.where('status_detail', '=', q.statusDetail);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base.selectAll().orderBy('created_at', q.sortOrder).orderBy('id', q.sortOrder).limit(q.limit).offset(q.offset).execute();
  return { total: Number(total.n), rows };
}

/** Orders by id, for a batch of timers (one statement text whatever the count, so one prepared statement). */
export async function findOrderRowsByIds(ex: Executor, dialect: DialectName, ids: readonly string[]): Promise<MpOrderTable[]> {
  if (ids.length === 0) return [];
  const r =
    dialect === 'postgres'
      ? await sql<MpOrderTable>`SELECT * FROM mp_orders WHERE id = ANY(${[...ids]}::text[])`.execute(ex)
      : await sql<MpOrderTable>`SELECT * FROM mp_orders WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`.execute(ex);
  return r.rows;
}

/**
 * `casOrderRow` for many orders: each row is written only if its stored
 * version is still its `expected`. Answers how many were written. On
 * PostgreSQL one statement (one round trip); on SQLite, which has no round
 * trip to save, the one-order statement per order: about three times cheaper
 * per row than one `UPDATE ... FROM json_each`, which parses every document
 * back out of JSON (PERFORMANCE.md, "Four passes before").
 */
export async function casOrderRows(ex: Executor, dialect: DialectName, moves: ReadonlyArray<{ row: MpOrderTable; expected: number }>): Promise<number> {
  if (moves.length === 0) return 0;
  if (dialect === 'sqlite') {
    let written = 0;
    for (const m of moves) written += Number((await casRow.run(ex, casValues(m.row, m.expected))).numAffectedRows ?? 0);
    return written;
  }
  const col = <T>(f: (m: { row: MpOrderTable; expected: number }) => T) => moves.map(f);
  const r = await sql`UPDATE mp_orders AS o SET status = v.status, status_detail = v.status_detail, version = v.version, document = v.document, updated_at = v.updated_at
    FROM unnest(${col((m) => m.row.id)}::text[], ${col((m) => m.expected)}::int8[], ${col((m) => m.row.status)}::text[], ${col((m) => m.row.status_detail)}::text[],
                ${col((m) => m.row.version)}::int8[], ${col((m) => m.row.document)}::text[], ${col((m) => m.row.updated_at)}::int8[])
      AS v(id, expected, status, status_detail, version, document, updated_at)
    WHERE o.id = v.id AND o.version = v.expected`.execute(ex);
  return Number(r.numAffectedRows ?? 0);
}
