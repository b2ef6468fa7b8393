import { sellerNow } from '../../core/clock.js';
import { idFamily, sortableToken } from '../../core/ids.js';
import { err, ok, type Result } from '../../core/result.js';
import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import { insertOrder } from './records.js';
import { readForOrderCreate, type OrderCreateRead } from '../../store/repos/pos.js';
import { getSeller } from '../../store/repos/sellers.js';
import { cuitFor, dynamicPayload } from '../qr/payloads.js';
import { recordQr } from '../qr/registry.js';
import { mpOptionsOf } from '../sellers/mp-options.js';
import { siteOf, type SiteId } from '../sellers/sites.js';
import type { Location } from '../stores/location.js';
import { scheduleAt } from '../timers.js';
import type { MpOrder, QrMode, Txn } from './order.js';
import { holdPos } from './slot.js';

/** The QR reference lists BRL, ARS, CLP, UYU; the cash-out guide shows MXN. Others answer unsupported_site. */
export const QR_ORDER_SITES: ReadonlySet<SiteId> = new Set(['MLA', 'MLB', 'MLC', 'MLU', 'MLM']);

export const EXPIRE_TIMER = 'mp_order.expire';

export interface NewOrder {
  externalReference: string;
  description?: string | undefined;
  totalAmount: number;
  expirationTime: string;
  expirationMs: number;
  externalPosId: string;
  mode: QrMode;
  payments: Array<{ amount: number }>;
  cashOuts: Array<{ amount: number; additionalInfo?: Record<string, unknown> | undefined }>;
  items?: MpOrder['items'];
  discounts?: MpOrder['discounts'];
  /** platform_id, integrator_id, sponsor as sent; application_id is added. */
  integrationData: Record<string, unknown>;
  sponsorId?: number | undefined;
}

export type CreateError = { code: 'unsupported_site'; site: string } | { code: 'pos_not_found'; externalPosId: string } | { code: 'sponsor_id_not_valid' } | { code: 'seller_configuration' };

// The newer reference: "Static QR defaults to 10 minutes and is capped at 10 minutes regardless of the value sent" (a seller option).
const STATIC_CAP_MS = 10 * 60_000;

const txn = (id: string, kind: Txn['kind'], amount: number, extra: Partial<Txn> = {}): Txn => ({
  id,
  kind,
  amount,
  status: 'created',
  status_detail: 'ready_to_process',
  refunded_amount: 0,
  ...extra,
});

/**
 * The create's first statement, in its transaction: the seller holding the access token (by its
 * hash; undefined when none does), its POS by external id, the POS's store and its options.
 */
export const readForCreate = (tx: Tx, tokenHash: string, externalPosId: string): Promise<OrderCreateRead | undefined> => readForOrderCreate(tx.ex, tx.reads, tokenHash, externalPosId);

/**
 * `read` is the create's first statement (the edge runs it in the transaction: it authenticates
 * too): the seller, its POS by `input.externalPosId`, the POS's store and the seller's options.
 */
export async function createOrder(ctx: Ctx, tx: Tx, input: NewOrder, read: OrderCreateRead): Promise<Result<MpOrder, CreateError>> {
  const { seller } = read;
  const site = siteOf(seller.site_id);
  if (!QR_ORDER_SITES.has(site.id)) return err({ code: 'unsupported_site', site: site.id });
  if (input.sponsorId !== undefined && (input.sponsorId === seller.id || !(await getSeller(tx.ex, input.sponsorId)))) {
    return err({ code: 'sponsor_id_not_valid' });
  }
  // A refused cash-out names the seller's configuration before a missing POS.
  const options = mpOptionsOf(read.options);
  // Cash-out and extra cash are for Managed Wallet sellers (QR-CA create reference: 400 seller_configuration).
  if (input.cashOuts.length && !options.managed_wallet) return err({ code: 'seller_configuration' });
  if (options.static_qr_expiry_cap && input.mode === 'static' && input.expirationMs > STATIC_CAP_MS) input = { ...input, expirationMs: STATIC_CAP_MS, expirationTime: 'PT10M' };
  const { pos, store } = read;
  if (!pos) return err({ code: 'pos_not_found', externalPosId: input.externalPosId });
  const now = sellerNow(ctx.clock, seller);
  // The order and its transactions share their id's first 19 characters, as Mercado Pago's do.
  const ids = idFamily(now);
  const order: MpOrder = {
    id: ids.next('ORD'),
    seller_id: seller.id,
    site_id: site.id,
    user_id: String(seller.id),
    application_id: String(seller.application_id),
    type: 'qr',
    processing_mode: 'automatic',
    external_reference: input.externalReference,
    description: input.description,
    total_amount: input.totalAmount,
    currency: site.currency,
    country_code: site.countryCode,
    expiration_time: input.expirationTime,
    expires_at: now + input.expirationMs,
    status: 'created',
    status_detail: 'created',
    pos_id: pos.id,
    external_pos_id: pos.external_id,
    mode: input.mode,
    items: input.items,
    discounts: input.discounts,
    integration_data: { application_id: String(seller.application_id), ...input.integrationData },
    payments: input.payments.map((p) => txn(ids.next('PAY'), 'payment', p.amount)),
    cash_outs: input.cashOuts.map((c) => txn(ids.next('CAS'), 'cash_out', c.amount, c.additionalInfo ? { additional_info: c.additionalInfo } : {})),
    refunds: [],
    version: 1,
    created_at: now,
    updated_at: now,
  };
  // The POS's slot first: the inserts after it are plain and go as one statement on PostgreSQL (store/pg-client.ts).
  await holdPos(tx, order, now);
  if (input.mode !== 'static') {
    const city = store ? (JSON.parse(store.location) as Location).city_name : site.defaultCity;
    const token = sortableToken(20, ctx.clock.realNow());
    order.qr_data = dynamicPayload(
      { site, name: store?.name ?? seller.name, city, taxId: site.id === 'MLA' ? cuitFor(seller.id) : undefined },
      { token, publicUrl: ctx.config.publicUrl, amountMinor: order.total_amount, posExternalId: pos.external_id },
    );
    await recordQr(tx.ex, { token, sellerId: seller.id, kind: 'mp_order', targetId: order.id, payload: order.qr_data, now });
  }
  await insertOrder(tx.ex, order);
  await scheduleAt(tx, ctx.kick, seller, EXPIRE_TIMER, order.id, order.expires_at, now);
  return ok(order);
}
