import { sellerNow } from '../../core/clock.js';
import { getCurrency, type CurrencyCode } from '../../core/currency.js';
import { toString } from '../../core/decimal.js';
import { uuid } from '../../core/ids.js';
import { formatAmount } from '../../core/money.js';
import { err, ok, type Result } from '../../core/result.js';
import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import { depayOrderByReference, insertDepayOrder, insertDepayStatuses, type DepayOrderRow } from '../../store/repos/depay-orders.js';
import { depayAutoOutcome } from '../../store/repos/depay-settings.js';
import { recordQr } from '../qr/registry.js';
import type { Seller } from '../sellers/seller.js';
import { scheduleAt } from '../timers.js';
import { depayCountry } from './countries.js';
import { emitOrderEvent, ORDER_CREATED } from './events.js';
import { lockRate, printedRate, toUser } from './fx.js';
import { depayQr } from './payload.js';
import { TIMER_EXPIRE, TIMER_OUTCOME } from './timer-kinds.js';

/** Seed: "A QR code will expire 10 minutes after its creation". */
export const QR_LIFETIME_MS = 10 * 60_000;
// EMV tag 54 holds at most 13 characters (EMVCo MPM Table 3.6).
const EMV_AMOUNT_MAX = 13;

export interface CreateOrderInput {
  localCurrency: CurrencyCode;
  localCountry: string;
  qrFrom: string;
  /** Minor units of localCurrency. */
  amountMinor: number;
  posExternalReference: string;
  externalReference: string;
  notificationUrl: string;
  taxId?: string | undefined;
  items?: unknown[] | undefined;
}

export type CreateError = { code: 'conflict' } | { code: 'invalid'; messages: string[] };

/**
 * Creates the order and its QR, locks the rate, schedules expiry and the stage
 * outcome, and emits the creation callback, in the caller's transaction. Two requests with one external_reference racing past the lookup are decided
 * by the unique index: the edge maps that violation to the conflict answer.
 */
export async function createDepayOrder(ctx: Ctx, tx: Tx, seller: Seller, input: CreateOrderInput): Promise<Result<DepayOrderRow, CreateError>> {
  const country = depayCountry(input.qrFrom);
  if (!country) return err({ code: 'invalid', messages: ['qr_from is not supported'] });
  const locked = lockRate(ctx.config.depay.rates, input.localCurrency, country.currency);
  const user = toUser(input.amountMinor, locked);
  const exponent = getCurrency(country.currency)!.exponent;
  if (!user.ok || formatAmount(user.value, exponent).length > EMV_AMOUNT_MAX) {
    return err({ code: 'invalid', messages: [`amount is too large to be paid in ${country.currency}`] });
  }
  if (user.value === 0) return err({ code: 'invalid', messages: [`amount is too small to be paid in ${country.currency}`] });
  if (await depayOrderByReference(tx.ex, seller.id, input.externalReference)) return err({ code: 'conflict' } as const);
  const now = sellerNow(ctx.clock, seller);
  const id = uuid();
  const qr = depayQr({ sellerId: seller.id, merchantName: seller.name, country, userAmountMinor: user.value, posExternalReference: input.posExternalReference, publicUrl: ctx.config.publicUrl });
  const row: DepayOrderRow = {
    id,
    seller_id: seller.id,
    status: 'CREATED',
    version: 1,
    external_reference: input.externalReference,
    pos_external_reference: input.posExternalReference,
    notification_url: input.notificationUrl,
    tax_id: input.taxId ?? null,
    items: input.items ? JSON.stringify(input.items) : null,
    local_country: input.localCountry,
    local_currency: input.localCurrency,
    local_amount: input.amountMinor,
    qr_from: country.code,
    user_currency: country.currency,
    user_amount: user.value,
    local_per_usd: locked.localPerUsd,
    user_per_usd: locked.userPerUsd,
    exchange_rate: toString(printedRate(locked)),
    qr_data: qr.payload,
    refunded_local: 0,
    refunded_user: 0,
    settled_local: 0,
    payment_id: null,
    payer_name: null,
    payer_tax_id: null,
    payer_account: null,
    paid_at: null,
    expires_at: now + QR_LIFETIME_MS,
    created_at: now,
    updated_at: now,
  };
  await insertDepayOrder(tx.ex, row);
  await insertDepayStatuses(tx.ex, [{ order_id: id, seq: 1, status: 'CREATED', reason: null, created_at: now }]);
  await recordQr(tx.ex, { token: qr.token, sellerId: seller.id, kind: 'depay_order', targetId: id, payload: qr.payload, now });
  await emitOrderEvent(ctx, tx, row, ORDER_CREATED, null, now);
  await scheduleAt(tx, ctx.kick, seller, TIMER_EXPIRE, id, row.expires_at, now);
  if (await depayAutoOutcome(tx.ex, seller.id)) {
    await scheduleAt(tx, ctx.kick, seller, TIMER_OUTCOME, id, now + ctx.config.depay.outcomeDelaySeconds * 1000, now);
  }
  return ok(row);
}
