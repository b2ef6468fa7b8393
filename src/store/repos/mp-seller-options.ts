import type { Executor } from '../db.js';
import { prepared } from '../prepared.js';
import type { MpSellerOptionsTable } from '../schema-mp-orders.js';

// Every order create reads the options: compiled once (prepared.ts).
const find = prepared({ sellerId: true }, (db, p: { sellerId: number }) => db.selectFrom('mp_seller_options').selectAll().where('seller_id', '=', p.sellerId));

export async function findMpOptionsRow(ex: Executor, sellerId: number): Promise<MpSellerOptionsTable | undefined> {
  return (await find.run(ex, { sellerId })).rows[0];
}

export async function putMpOptionsRow(ex: Executor, row: MpSellerOptionsTable): Promise<void> {
  const { seller_id: _id, ...set } = row;
  await ex.insertInto('mp_seller_options').values(row).onConflict((oc) => oc.column('seller_id').doUpdateSet(set)).execute();
}
