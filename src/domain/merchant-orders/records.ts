import type { Executor } from '../../store/db.js';
import {
  casMerchantOrderRow,
  findMerchantOrderRow,
  insertMerchantOrderRow,
  merchantOrderRowsOfCharge,
  searchMerchantOrderRows,
  type MerchantOrderSearch,
} from '../../store/repos/merchant-orders.js';
import type { MerchantOrderTable } from '../../store/schema-legacy-qr.js';
import type { MerchantOrder } from './merchant-order.js';

// Searchable columns plus the whole aggregate as JSON.
function toRow(m: MerchantOrder): MerchantOrderTable {
  return {
    id: Number(m.id),
    seller_id: m.seller_id,
    charge_id: m.charge_id,
    status: m.status,
    external_reference: m.external_reference,
    preference_id: m.preference_id,
    application_id: m.application_id,
    sponsor_id: m.sponsor_id,
    site_id: m.site_id,
    marketplace: m.marketplace,
    version: m.version,
    document: JSON.stringify(m),
    date_created: m.date_created,
    last_updated: m.last_updated,
  };
}

const fromRow = (r: MerchantOrderTable): MerchantOrder => ({ ...(JSON.parse(r.document) as MerchantOrder), version: r.version });

export const insertMerchantOrder = (ex: Executor, m: MerchantOrder): Promise<void> => insertMerchantOrderRow(ex, toRow(m));
export const saveMerchantOrder = (ex: Executor, m: MerchantOrder, expected: number): Promise<boolean> => casMerchantOrderRow(ex, toRow(m), expected);

export async function findMerchantOrder(ex: Executor, sellerId: number, id: number): Promise<MerchantOrder | undefined> {
  const r = await findMerchantOrderRow(ex, id);
  return r && r.seller_id === sellerId ? fromRow(r) : undefined;
}

export async function findMerchantOrderById(ex: Executor, id: number): Promise<MerchantOrder | undefined> {
  const r = await findMerchantOrderRow(ex, id);
  return r && fromRow(r);
}

export const merchantOrdersOfCharge = async (ex: Executor, chargeId: string): Promise<MerchantOrder[]> => (await merchantOrderRowsOfCharge(ex, chargeId)).map(fromRow);

export async function searchMerchantOrders(ex: Executor, q: MerchantOrderSearch): Promise<{ total: number; orders: MerchantOrder[] }> {
  const found = await searchMerchantOrderRows(ex, q);
  return { total: found.total, orders: found.rows.map(fromRow) };
}
