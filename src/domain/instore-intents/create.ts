import { sellerNow } from '../../core/clock.js';
import { sortableToken, uuid } from '../../core/ids.js';
import { err, ok, type Result } from '../../core/result.js';
import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import { findPosByExternalId } from '../../store/repos/pos.js';
import { findQrCode } from '../../store/repos/qr-codes.js';
import { findStore } from '../../store/repos/stores.js';
import { cuitFor, dynamicPayload } from '../qr/payloads.js';
import { recordQr } from '../qr/registry.js';
import type { Seller } from '../sellers/seller.js';
import { siteOf } from '../sellers/sites.js';
import type { Location } from '../stores/location.js';
import { scheduleAt } from '../timers.js';
import { amountToPay, type InstoreIntent, type IntentOperation, type QrPaymentMode } from './intent.js';
import { insertIntent } from './records.js';
import { holdPrinted } from './slot.js';

export const INTENT_EXPIRE_TIMER = 'instore_intent.expire';
/** "EXPIRED: the intent took more than an hour without being processed" (supplement §4, the yaml's status enum). */
export const INTENT_TTL_MS = 60 * 60_000;

/** What every create carries (validated at the edge: providers/mercadopago/intents/body.ts). */
export interface NewIntentCommon {
  description: string;
  externalReference: string;
  sponsorId: number | null;
  integratorId: string | null;
  operations: IntentOperation[];
}

export interface NewQrIntent extends NewIntentCommon {
  externalPosId: string;
  qrPaymentMode: QrPaymentMode[];
}

export type CreateQrError = { code: 'pos_not_found' };

/**
 * Creates a QR intent on a POS (POST .../intents/qr/pos/{external_id}):
 * DYNAMIC issues the intent's own code (qr_codes kind mp_intent), STATIC
 * takes the POS's printed QR; the expiry runs after the hour.
 */
export async function createQrIntent(ctx: Ctx, tx: Tx, seller: Seller, input: NewQrIntent): Promise<Result<InstoreIntent, CreateQrError>> {
  const pos = await findPosByExternalId(tx.ex, seller.id, input.externalPosId);
  if (!pos) return err({ code: 'pos_not_found' });
  const now = sellerNow(ctx.clock, seller);
  const site = siteOf(seller.site_id);
  const i: InstoreIntent = {
    id: uuid(),
    kind: 'qr',
    seller_id: seller.id,
    site_id: site.id,
    currency: site.currency,
    pos_id: pos.id,
    external_pos_id: pos.external_id,
    store_id: pos.store_id,
    terminal_id: null,
    description: input.description,
    external_reference: input.externalReference,
    sponsor_id: input.sponsorId,
    integrator_id: input.integratorId,
    operations: input.operations,
    qr_payment_mode: input.qrPaymentMode,
    expires_at: now + INTENT_TTL_MS,
    status: 'OPENED',
    version: 1,
    created_at: now,
    updated_at: now,
  };
  if (input.qrPaymentMode.includes('DYNAMIC')) {
    const store = await findStore(tx.ex, seller.id, pos.store_id);
    const token = sortableToken(20, ctx.clock.realNow());
    i.qr_data = dynamicPayload(
      { site, name: store?.name ?? seller.name, city: store ? (JSON.parse(store.location) as Location).city_name : site.defaultCity, taxId: site.id === 'MLA' ? cuitFor(seller.id) : undefined },
      { token, publicUrl: ctx.config.publicUrl, amountMinor: amountToPay(i), posExternalId: pos.external_id },
    );
    await recordQr(tx.ex, { token, sellerId: seller.id, kind: 'mp_intent', targetId: i.id, payload: i.qr_data, now });
  }
  if (input.qrPaymentMode.includes('STATIC')) i.printed_qr = (await findQrCode(tx.ex, pos.qr_token))?.payload;
  await insertIntent(tx.ex, i);
  await holdPrinted(tx, i, now);
  await scheduleAt(tx, ctx.kick, seller, INTENT_EXPIRE_TIMER, i.id, i.expires_at, now);
  return ok(i);
}
