import { sellerNow } from '../../core/clock.js';
import { sortableToken, uuid } from '../../core/ids.js';
import { err, ok, type Result } from '../../core/result.js';
import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import { findPosByExternalId } from '../../store/repos/pos.js';
import { getSeller } from '../../store/repos/sellers.js';
import { findStore } from '../../store/repos/stores.js';
import { cuitFor, dynamicPayload } from '../qr/payloads.js';
import { recordQr } from '../qr/registry.js';
import type { Seller } from '../sellers/seller.js';
import { siteOf } from '../sellers/sites.js';
import type { Location } from '../stores/location.js';
import { scheduleAt } from '../timers.js';
import { amountToPay, type InstoreItem, type InstoreModel, type InstoreOrder } from './order.js';
import { insertInstoreOrder } from './records.js';
import { retire } from './remove.js';
import { holdPrinted } from './slot.js';

export const INSTORE_EXPIRE_TIMER = 'instore_order.expire';

export interface NewInstoreOrder {
  model: InstoreModel;
  externalPosId: string;
  /** The .../stores/{external_store_id}/pos/... variant: the POS must belong to that store. */
  externalStoreId?: string | undefined;
  externalReference: string | null;
  title?: string | undefined;
  description?: string | undefined;
  notificationUrl: string | null;
  sponsorId: number | null;
  items: InstoreItem[];
  totalAmount: number;
  cashOut: number | null;
  expirationDate?: string | undefined;
  /** When it expires, ms after now (X-Ttl-Store-Preference, expiration_date, or the 10-minute default). */
  ttlMs: number;
}

export type PlaceError = { code: 'pos_not_found' } | { code: 'invalid_sponsor_id' };

/**
 * Places a legacy order on a POS. A POS has one legacy order at a time: a new
 * one (v2's PUT "replaces", the attended POST likewise) deletes the open one
 * and cancels its merchant_orders. The dynamic model's order gets its own code.
 */
export async function placeOrder(ctx: Ctx, tx: Tx, seller: Seller, input: NewInstoreOrder): Promise<Result<InstoreOrder, PlaceError>> {
  if (input.sponsorId !== null && (input.sponsorId === seller.id || !(await getSeller(tx.ex, input.sponsorId)))) return err({ code: 'invalid_sponsor_id' });
  const pos = await findPosByExternalId(tx.ex, seller.id, input.externalPosId);
  if (!pos || (input.externalStoreId !== undefined && pos.external_store_id !== input.externalStoreId)) return err({ code: 'pos_not_found' });
  const now = sellerNow(ctx.clock, seller);
  await retire(ctx, tx, pos.id, 'deleted', now);
  const site = siteOf(seller.site_id);
  const o: InstoreOrder = {
    id: `${seller.id}-${uuid()}`,
    seller_id: seller.id,
    site_id: site.id,
    currency: site.currency,
    model: input.model,
    pos_id: pos.id,
    external_pos_id: pos.external_id,
    store_id: pos.store_id,
    external_reference: input.externalReference,
    title: input.title,
    description: input.description,
    notification_url: input.notificationUrl,
    sponsor_id: input.sponsorId,
    items: input.items,
    total_amount: input.totalAmount,
    cash_out: input.cashOut,
    expiration_date: input.expirationDate,
    expires_at: now + input.ttlMs,
    status: 'open',
    version: 1,
    created_at: now,
    updated_at: now,
  };
  if (input.model === 'dynamic') {
    const store = await findStore(tx.ex, seller.id, pos.store_id);
    const token = sortableToken(20, ctx.clock.realNow());
    o.qr_token = token;
    o.qr_data = dynamicPayload(
      { site, name: store?.name ?? seller.name, city: store ? (JSON.parse(store.location) as Location).city_name : site.defaultCity, taxId: site.id === 'MLA' ? cuitFor(seller.id) : undefined },
      { token, publicUrl: ctx.config.publicUrl, amountMinor: amountToPay(o), posExternalId: pos.external_id },
    );
    await recordQr(tx.ex, { token, sellerId: seller.id, kind: 'mp_instore', targetId: o.id, payload: o.qr_data, now });
  }
  await insertInstoreOrder(tx.ex, o);
  await holdPrinted(tx, o, now);
  await scheduleAt(tx, ctx.kick, seller, INSTORE_EXPIRE_TIMER, o.id, o.expires_at, now);
  return ok(o);
}
