import type { Executor } from '../db.js';
import type { MpSellerOptionsTable } from '../schema-mp-orders.js';

export async function findMpOptionsRow(ex: Executor, sellerId: number): Promise<MpSellerOptionsTable | undefined> {
  return ex.selectFrom('mp_seller_options').selectAll().where('seller_id', '=', sellerId).executeTakeFirst();
}

export async function putMpOptionsRow(ex: Executor, row: MpSellerOptionsTable): Promise<void> {
  const { seller_id: _id, ...set } = row;
  await ex.insertInto('mp_seller_options').values(row).onConflict((oc) => oc.column('seller_id').doUpdateSet(set)).execute();
}
