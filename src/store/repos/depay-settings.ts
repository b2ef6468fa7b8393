import type { Executor } from '../db.js';

/** Stage outcomes run by themselves unless the seller switched them off. */
export async function depayAutoOutcome(ex: Executor, sellerId: number): Promise<boolean> {
  const row = await ex.selectFrom('depay_settings').select('auto_outcome').where('seller_id', '=', sellerId).executeTakeFirst();
  return row ? row.auto_outcome === 1 : true;
}

export async function putDepaySettings(ex: Executor, sellerId: number, autoOutcome: boolean, at: number): Promise<void> {
  await ex
    .insertInto('depay_settings')
    .values({ seller_id: sellerId, auto_outcome: autoOutcome ? 1 : 0, updated_at: at })
    .onConflict((oc) => oc.column('seller_id').doUpdateSet({ auto_outcome: autoOutcome ? 1 : 0, updated_at: at }))
    .execute();
}
