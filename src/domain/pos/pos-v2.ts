import { randomHex } from '../../core/ids.js';
import { err, type Result } from '../../core/result.js';
import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import { posExists } from '../../store/repos/pos.js';
import { findStore, findStoreByExternalId } from '../../store/repos/stores.js';
import type { Seller } from '../sellers/seller.js';
import { createPos, deletePos, type PosError, type PosRow } from './pos.js';

export interface PosV2Input {
  name?: string | undefined;
  store_id?: number | undefined;
  external_store_id?: string | undefined;
  external_id?: string | undefined;
}

export type PosV2Error = PosError | { code: 'store_required' } | { code: 'store_without_external_id' } | { code: 'not_yours' };

/**
 * POST /v2/pos (supplement §3): store_id or external_store_id (both: they
 * must name the same store); name and external_id optional. There is no
 * fixed_amount in v2: caja creates the POS with fixed_amount true (its QR
 * waits for an order), and makes up an external_id when none is sent.
 */
export async function createPosV2(tx: Tx, ctx: Ctx, seller: Seller, input: PosV2Input): Promise<Result<PosRow, PosV2Error>> {
  if (input.store_id === undefined && input.external_store_id === undefined) return err({ code: 'store_required' });
  const store =
    input.store_id !== undefined ? await findStore(tx.ex, seller.id, input.store_id) : await findStoreByExternalId(tx.ex, seller.id, input.external_store_id!);
  if (!store) return err(input.store_id !== undefined ? { code: 'store_not_found' } : { code: 'inexistent_external_store_id' });
  if (input.external_store_id !== undefined && store.external_id !== input.external_store_id) return err({ code: 'external_store_id_not_match' });
  // v1 POS rows carry their store's external id; a store created without one cannot hold a POS.
  if (store.external_id === null) return err({ code: 'store_without_external_id' });
  const externalId = input.external_id ?? `SBXPOS${randomHex(8).toUpperCase()}`;
  return createPos(tx, ctx, seller, {
    name: input.name ?? externalId,
    fixed_amount: true,
    store_id: store.id,
    external_store_id: store.external_id,
    external_id: externalId,
  });
}

/** DELETE /v2/pos/{pos_id}: another seller's POS is `bad_request` in v2, not "not found" (supplement §3). */
export async function deletePosV2(tx: Tx, seller: Seller, id: number): Promise<Result<PosRow, PosV2Error>> {
  const r = await deletePos(tx, seller, id);
  if (!r.ok && r.error.code === 'pos_not_found' && (await posExists(tx.ex, id))) return err({ code: 'not_yours' });
  return r;
}
