import { sellerNow } from '../../core/clock.js';
import { randomHex, uuid } from '../../core/ids.js';
import { err, ok, type Result } from '../../core/result.js';
import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import * as repo from '../../store/repos/pos.js';
import { nextId } from '../../store/repos/sequences.js';
import { moveTerminalsToStore } from '../../store/repos/terminals.js';
import { findStore, findStoreByExternalId, type StoreRow } from '../../store/repos/stores.js';
import { recordQr } from '../qr/registry.js';
import { deleteQrCode, findQrCode } from '../../store/repos/qr-codes.js';
import { cuitFor, posStaticPayload } from '../qr/payloads.js';
import type { Seller } from '../sellers/seller.js';
import { knownCategories, siteOf } from '../sellers/sites.js';
import type { Location } from '../stores/location.js';

export type PosRow = repo.PosRow;

export interface PosInput {
  name: string;
  fixed_amount: boolean;
  store_id: number;
  external_store_id: string;
  external_id: string;
  category?: number | undefined;
  url?: string | undefined;
}

export type PosError =
  | { code: 'pos_not_found' }
  | { code: 'store_not_found' }
  | { code: 'inexistent_external_store_id' }
  | { code: 'external_store_id_not_match' }
  | { code: 'external_id_used' }
  | { code: 'unknown_mcc' }
  | { code: 'fixed_amount_false' };

function checkFields(seller: Seller, p: Partial<PosInput>, current?: PosRow): PosError | undefined {
  if (p.category !== undefined && !knownCategories(siteOf(seller.site_id)).includes(p.category)) return { code: 'unknown_mcc' };
  const url = p.url ?? current?.url;
  const fixed = p.fixed_amount ?? (current ? current.fixed_amount === 1 : undefined);
  // "If the URL field is indicated, the FIXED_AMOUNT field must be true."
  if (url && fixed === false) return { code: 'fixed_amount_false' };
  return undefined;
}

/**
 * store_id and external_store_id must name the same store of this seller. A POS
 * unlinked from a deleted store has neither, so an update may name just one.
 */
async function storeFor(tx: Tx, seller: Seller, storeId: number | null, externalStoreId: string | null): Promise<Result<StoreRow, PosError>> {
  const store = storeId === null ? undefined : await findStore(tx.ex, seller.id, storeId);
  if (storeId !== null && !store) return err({ code: 'store_not_found' });
  const byExternal = externalStoreId === null ? undefined : await findStoreByExternalId(tx.ex, seller.id, externalStoreId);
  if (externalStoreId !== null && !byExternal) return err({ code: 'inexistent_external_store_id' });
  if (store && byExternal && byExternal.id !== store.id) return err({ code: 'external_store_id_not_match' });
  const found = store ?? byExternal;
  return found ? ok(found) : err({ code: 'store_not_found' });
}

/**
 * Creates a POS in the caller's transaction (POS v2 runs it inside its
 * idempotency record). A concurrent duplicate external_id makes the
 * transaction fail on the unique index; the edge maps that to
 * `external_id_used` (http/transaction.ts).
 */
export async function createPos(tx: Tx, ctx: Ctx, seller: Seller, input: PosInput): Promise<Result<PosRow, PosError>> {
  const problem = checkFields(seller, input);
  if (problem) return err(problem);
  const store = await storeFor(tx, seller, input.store_id, input.external_store_id);
  if (!store.ok) return store;
  if (await repo.findPosByExternalId(tx.ex, seller.id, input.external_id)) return err({ code: 'external_id_used' } as const);
  const now = sellerNow(ctx.clock, seller);
  const site = siteOf(seller.site_id);
  const row: PosRow = {
    id: await nextId(tx.ex, 'pos'),
    seller_id: seller.id,
    store_id: store.value.id,
    external_store_id: input.external_store_id,
    external_id: input.external_id,
    name: input.name,
    fixed_amount: input.fixed_amount ? 1 : 0,
    category: input.category ?? null,
    url: input.url ?? null,
    uuid: randomHex(32),
    // Pix keys are UUIDs (EVP); the other profiles put the token in a URL.
    qr_token: site.id === 'MLB' ? uuid() : randomHex(10).toUpperCase(),
    status: 'active',
    date_created: now,
    date_last_updated: now,
  };
  await repo.insertPos(tx.ex, row);
  const location = JSON.parse(store.value.location) as Location;
  const payload = posStaticPayload(
    { site, name: store.value.name, city: location.city_name, taxId: site.id === 'MLA' ? cuitFor(seller.id) : undefined },
    { token: row.qr_token, publicUrl: ctx.config.publicUrl, posExternalId: row.external_id },
  );
  await recordQr(tx.ex, { token: row.qr_token, sellerId: seller.id, kind: 'pos', targetId: String(row.id), payload, now });
  return ok(row);
}

export async function getPos(ctx: Ctx, seller: Seller, id: number): Promise<PosRow | undefined> {
  return repo.findPos(ctx.store.db, seller.id, id);
}

export async function updatePos(ctx: Ctx, tx: Tx, seller: Seller, id: number, patch: Partial<PosInput>): Promise<Result<PosRow, PosError>> {
  const row = await repo.findPos(tx.ex, seller.id, id);
  if (!row) return err({ code: 'pos_not_found' } as const);
  const problem = checkFields(seller, patch, row);
  if (problem) return err(problem);
  if (patch.store_id !== undefined || patch.external_store_id !== undefined) {
    const store = await storeFor(tx, seller, patch.store_id ?? row.store_id, patch.external_store_id ?? row.external_store_id);
    if (!store.ok) return store;
    row.store_id = store.value.id;
    // The POS's Point terminals move with it (they are listed by store).
    await moveTerminalsToStore(tx.ex, row.id, row.store_id);
    row.external_store_id = patch.external_store_id ?? store.value.external_id ?? row.external_store_id;
  }
  if (patch.external_id !== undefined && patch.external_id !== row.external_id) {
    if (await repo.findPosByExternalId(tx.ex, seller.id, patch.external_id)) return err({ code: 'external_id_used' } as const);
    row.external_id = patch.external_id;
  }
  if (patch.name !== undefined) row.name = patch.name;
  if (patch.fixed_amount !== undefined) row.fixed_amount = patch.fixed_amount ? 1 : 0;
  if (patch.category !== undefined) row.category = patch.category;
  if (patch.url !== undefined) row.url = patch.url;
  row.date_last_updated = sellerNow(ctx.clock, seller);
  await repo.updatePos(tx.ex, row);
  return ok(row);
}

/** Deleting a POS retires its printed QR: the wallet no longer resolves it. */
export async function deletePos(tx: Tx, seller: Seller, id: number): Promise<Result<PosRow, PosError>> {
  const row = await repo.findPos(tx.ex, seller.id, id);
  if (!row) return err({ code: 'pos_not_found' } as const);
  await deleteQrCode(tx.ex, row.qr_token);
  await repo.deletePos(tx.ex, row.id);
  return ok(row);
}

/** Search; naming a store that does not exist is an error (INEXISTENT_EXTERNAL_STORE_ID), not an empty page. */
export async function searchPos(ctx: Ctx, seller: Seller, q: Omit<repo.PosSearch, 'sellerId'>) {
  if (q.externalStoreId !== undefined && !(await findStoreByExternalId(ctx.store.db, seller.id, q.externalStoreId))) {
    return 'inexistent_external_store_id' as const;
  }
  return repo.searchPos(ctx.store.db, { sellerId: seller.id, ...q });
}

export async function posByUuid(ctx: Ctx, id: number, posUuid: string): Promise<PosRow | undefined> {
  return repo.findPosByUuid(ctx.store.db, id, posUuid);
}

export interface PosQr {
  pos: PosRow;
  storeName: string;
  payload: string;
}

/** What the printed card shows: the static payload, the store and the POS. */
export async function posQr(ctx: Ctx, row: PosRow): Promise<PosQr | undefined> {
  const qr = await findQrCode(ctx.store.db, row.qr_token);
  const store = await findStore(ctx.store.db, row.seller_id, row.store_id);
  if (!qr) return undefined;
  // A POS whose store was deleted keeps its printed QR; the card names the POS instead.
  return { pos: row, storeName: store?.name ?? row.name, payload: qr.payload };
}
