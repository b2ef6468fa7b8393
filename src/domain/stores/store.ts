import { err, ok, type Result } from '../../core/result.js';
import type { Ctx } from '../../context.js';
import { sellerNow } from '../../core/clock.js';
import type { Tx } from '../../store/db.js';
import { nextId } from '../../store/repos/sequences.js';
import * as repo from '../../store/repos/stores.js';
import { renameExternalStoreId, unlinkPosOfStore } from '../../store/repos/pos.js';
import type { Seller } from '../sellers/seller.js';
import type { SiteId } from '../sellers/sites.js';
import { insideSite, invalidBusinessDay, type BusinessHours, type Location } from './location.js';

export type StoreRow = repo.StoreRow;

export interface StoreInput {
  name: string;
  external_id?: string | undefined;
  location: Location;
  business_hours?: BusinessHours | undefined;
}

export type StoreError =
  | { code: 'store_not_found' }
  | { code: 'external_id_used'; externalId: string }
  | { code: 'coordinates_outside_site' }
  | { code: 'invalid_business_hours'; day: string };

function check(seller: Seller, input: Partial<StoreInput>): StoreError | undefined {
  if (input.location && !insideSite(seller.site_id as SiteId, input.location)) return { code: 'coordinates_outside_site' };
  const day = input.business_hours && invalidBusinessDay(input.business_hours);
  if (day) return { code: 'invalid_business_hours', day };
  return undefined;
}

/**
 * Creates a store in the caller's transaction. Two creates with one
 * external_id racing past the lookup are decided by the unique index (the
 * edge maps that to `external_id_used`, see http/transaction.ts).
 */
export async function createStore(ctx: Ctx, tx: Tx, seller: Seller, input: StoreInput): Promise<Result<StoreRow, StoreError>> {
  const problem = check(seller, input);
  if (problem) return err(problem);
  const { ex } = tx;
  if (input.external_id && (await repo.findStoreByExternalId(ex, seller.id, input.external_id))) {
    return err({ code: 'external_id_used', externalId: input.external_id });
  }
  const now = sellerNow(ctx.clock, seller);
  const row: StoreRow = {
    id: await nextId(ex, 'store'),
    seller_id: seller.id,
    external_id: input.external_id ?? null,
    name: input.name,
    location: JSON.stringify(input.location),
    business_hours: input.business_hours ? JSON.stringify(input.business_hours) : null,
    date_created: now,
    date_last_updated: now,
  };
  await repo.insertStore(ex, row);
  return ok(row);
}

export async function getStore(ctx: Ctx, seller: Seller, id: number): Promise<StoreRow | undefined> {
  return repo.findStore(ctx.store.db, seller.id, id);
}

export async function updateStore(ctx: Ctx, tx: Tx, seller: Seller, id: number, patch: Partial<StoreInput>): Promise<Result<StoreRow, StoreError>> {
  const problem = check(seller, patch);
  if (problem) return err(problem);
  const { ex } = tx;
  const row = await repo.findStore(ex, seller.id, id);
  if (!row) return err({ code: 'store_not_found' } as const);
  if (patch.external_id !== undefined && patch.external_id !== row.external_id) {
    if (await repo.findStoreByExternalId(ex, seller.id, patch.external_id)) {
      return err({ code: 'external_id_used', externalId: patch.external_id } as const);
    }
    row.external_id = patch.external_id;
    // A POS names its store twice (store_id and external_store_id); keep both true.
    await renameExternalStoreId(ex, row.id, patch.external_id);
  }
  if (patch.name !== undefined) row.name = patch.name;
  if (patch.location !== undefined) row.location = JSON.stringify(patch.location);
  if (patch.business_hours !== undefined) row.business_hours = JSON.stringify(patch.business_hours);
  row.date_last_updated = sellerNow(ctx.clock, seller);
  await repo.updateStore(ex, row);
  return ok(row);
}

/**
 * Deleting a store unlinks its POS ("unlinks it from its POS terminals", the QR
 * overview): they stay, with store_id and external_store_id null, and their
 * printed QR and orders keep working. An update can link them to another store.
 */
export async function deleteStore(tx: Tx, seller: Seller, id: number): Promise<Result<StoreRow, StoreError>> {
  const row = await repo.findStore(tx.ex, seller.id, id);
  if (!row) return err({ code: 'store_not_found' } as const);
  await unlinkPosOfStore(tx.ex, id);
  await repo.deleteStore(tx.ex, id);
  return ok(row);
}

export async function searchStores(ctx: Ctx, seller: Seller, q: { externalId?: string | undefined; limit: number; offset: number }) {
  return repo.searchStores(ctx.store.db, { sellerId: seller.id, ...q });
}
