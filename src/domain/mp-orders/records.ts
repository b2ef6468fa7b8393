import type { DialectName, Executor } from '../../store/db.js';
import { casOrderRow, casOrderRows, findOrderRowsByIds, findOrderRow, findOrderRowById, insertOrderRow, openOrderRowOfPos, readOrderRow, readOrderRowWithSeller, searchOrderRows, type OrderSearch, type SellerOfRead } from '../../store/repos/mp-orders.js';
import type { MpOrderTable } from '../../store/schema-mp-orders.js';
import type { MpOrder } from './order.js';

// An order is stored as searchable columns plus the whole aggregate as JSON.
const COLUMNS = ['id', 'seller_id', 'type', 'pos_id', 'external_pos_id', 'mode', 'external_reference', 'currency', 'total_amount', 'status', 'status_detail', 'expires_at', 'version', 'created_at', 'updated_at'] as const;

function toRow(o: MpOrder): MpOrderTable {
  const row = Object.fromEntries(COLUMNS.map((c) => [c, o[c]])) as Omit<MpOrderTable, 'document'>;
  return { ...row, document: JSON.stringify(o) };
}

const fromRow = (r: MpOrderTable | undefined): MpOrder | undefined => r && { ...(JSON.parse(r.document) as MpOrder), version: r.version };

export const insertOrder = (ex: Executor, o: MpOrder): Promise<void> => insertOrderRow(ex, toRow(o));
export const findOrder = async (ex: Executor, sellerId: number, id: string) => fromRow(await findOrderRow(ex, sellerId, id));
/**
 * An order for a reader that may already hold an answer rendered from one of
 * its versions: `order` is absent when the stored version is `knownVersion`.
 */
export async function readOrder(ex: Executor, sellerId: number, id: string, knownVersion: number): Promise<OrderRead | undefined> {
  return orderRead(await readOrderRow(ex, sellerId, id, knownVersion));
}

export interface OrderRead {
  version: number;
  created_at: number;
  /** Absent when the stored version is the one the reader holds. */
  order?: MpOrder;
}

/**
 * `readOrder` for the seller holding an access token (by its hash), authenticating in the same
 * statement: undefined when no seller holds the token, `read` undefined when the seller has no such
 * order. Of the seller it answers its id and clock offset, what a get uses.
 */
export async function readOrderWithSeller(ex: Executor, tokenHash: string, id: string, knownVersion: number): Promise<{ seller: SellerOfRead; read: OrderRead | undefined } | undefined> {
  const r = await readOrderRowWithSeller(ex, tokenHash, id, knownVersion);
  return r && { seller: r.seller, read: orderRead(r.order) };
}

function orderRead(r: { version: number; created_at: number; document: string | null } | undefined): OrderRead | undefined {
  if (!r) return undefined;
  if (r.document === null) return { version: r.version, created_at: r.created_at };
  return { version: r.version, created_at: r.created_at, order: { ...(JSON.parse(r.document) as MpOrder), version: r.version } };
}
export const findOrderById = async (ex: Executor, id: string) => fromRow(await findOrderRowById(ex, id));
export const findOpenOrderOfPos = async (ex: Executor, posId: number) => fromRow(await openOrderRowOfPos(ex, posId));

/** Saves a changed order if nobody else changed it since it was read (the lifecycle helper turns false into a retry). */
export const saveOrder = (ex: Executor, o: MpOrder, expected: number): Promise<boolean> => casOrderRow(ex, toRow(o), expected);

/** Many orders by id (a batch of timers); missing ids are absent from the map. */
export async function findOrdersByIds(ex: Executor, dialect: DialectName, ids: readonly string[]): Promise<Map<string, MpOrder>> {
  return new Map((await findOrderRowsByIds(ex, dialect, ids)).map((r) => [r.id, fromRow(r)!]));
}

/** `saveOrder` for many orders in one statement: answers how many were still at their expected version (and were written). */
export const saveOrders = (ex: Executor, dialect: DialectName, moves: ReadonlyArray<{ next: MpOrder; expected: number }>): Promise<number> =>
  casOrderRows(ex, dialect, moves.map((m) => ({ row: toRow(m.next), expected: m.expected })));

export async function searchOrders(ex: Executor, q: OrderSearch): Promise<{ total: number; orders: MpOrder[] }> {
  const found = await searchOrderRows(ex, q);
  return { total: found.total, orders: found.rows.map((r) => fromRow(r)!) };
}
