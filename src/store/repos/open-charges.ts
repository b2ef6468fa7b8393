import type { Selectable } from 'kysely';
import type { Executor } from '../db.js';
import { deferWrite } from '../deferred.js';
import type { OpenChargeTable } from '../schema-counter.js';

export type OpenChargeRow = Selectable<OpenChargeTable>;

/** Takes the source for this charge, whoever held it (the newest charge wins the printed QR). */
export async function replaceOpenCharge(ex: Executor, row: OpenChargeRow): Promise<void> {
  await deferWrite(
    ex,
    ex
      .insertInto('open_charges')
      .values(row)
      .onConflict((oc) => oc.columns(['source_kind', 'source_id']).doUpdateSet({ seller_id: row.seller_id, family: row.family, charge_id: row.charge_id, created_at: row.created_at })),
  );
}

/** Takes the source only if it is free: the primary key refuses a second open charge (false). */
export async function claimOpenCharge(ex: Executor, row: OpenChargeRow): Promise<boolean> {
  const r = await ex.insertInto('open_charges').values(row).onConflict((oc) => oc.columns(['source_kind', 'source_id']).doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function findOpenCharge(ex: Executor, kind: string, id: string): Promise<OpenChargeRow | undefined> {
  return ex.selectFrom('open_charges').selectAll().where('source_kind', '=', kind).where('source_id', '=', id).executeTakeFirst();
}

/** Frees the source if this charge still holds it; true when it did. */
export async function releaseOpenCharge(ex: Executor, kind: string, id: string, chargeId: string): Promise<boolean> {
  const r = await ex.deleteFrom('open_charges').where('source_kind', '=', kind).where('source_id', '=', id).where('charge_id', '=', chargeId).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}
