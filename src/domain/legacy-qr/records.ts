import type { Executor } from '../../store/db.js';
import { casInstoreOrderRow, findInstoreOrderRow, insertInstoreOrderRow, latestInstoreOrderRows, openInstoreOrderRowOfPos } from '../../store/repos/instore-orders.js';
import type { InstoreOrderTable } from '../../store/schema-legacy-qr.js';
import type { InstoreOrder } from './order.js';

function toRow(o: InstoreOrder): InstoreOrderTable {
  return {
    id: o.id,
    seller_id: o.seller_id,
    pos_id: o.pos_id,
    model: o.model,
    external_reference: o.external_reference,
    status: o.status,
    expires_at: o.expires_at,
    version: o.version,
    document: JSON.stringify(o),
    created_at: o.created_at,
    updated_at: o.updated_at,
  };
}

const fromRow = (r: InstoreOrderTable | undefined): InstoreOrder | undefined => r && { ...(JSON.parse(r.document) as InstoreOrder), version: r.version };

export const insertInstoreOrder = (ex: Executor, o: InstoreOrder): Promise<void> => insertInstoreOrderRow(ex, toRow(o));
export const saveInstoreOrder = (ex: Executor, o: InstoreOrder, expected: number): Promise<boolean> => casInstoreOrderRow(ex, toRow(o), expected);
export const findInstoreOrder = async (ex: Executor, id: string) => fromRow(await findInstoreOrderRow(ex, id));
export const openInstoreOrderOfPos = async (ex: Executor, posId: number) => fromRow(await openInstoreOrderRowOfPos(ex, posId));

/** A seller's legacy orders, newest first (the dashboard's list). */
export const latestInstoreOrders = async (ex: Executor, sellerId: number, limit: number, offset: number): Promise<InstoreOrder[]> =>
  (await latestInstoreOrderRows(ex, sellerId, limit, offset)).map((r) => fromRow(r)!);
