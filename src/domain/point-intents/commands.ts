import { sellerNow } from '../../core/clock.js';
import { uuid } from '../../core/ids.js';
import { err, ok, type Result } from '../../core/result.js';
import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import { getSeller } from '../../store/repos/sellers.js';
import { findTerminal } from '../../store/repos/terminals.js';
import { claimSlot, releaseSlot } from '../counter/charges.js';
import { terminalSlot } from '../counter/source.js';
import type { Seller } from '../sellers/seller.js';
import { siteOf } from '../sellers/sites.js';
import { moveScreen } from '../terminals/device.js';
import { checkIntentAmount, INTENT_CANCELABLE, type IntentAdditionalInfo, type IntentPaymentConfig, type IntentState, type PaymentIntent } from '../terminals/intents.js';
import { parseScreen } from '../terminals/screen.js';
import { scheduleTake } from '../terminals/take.js';
import { scheduleAt, type TimerHandler } from '../timers.js';
import { emitIntentEvent, type IntentFinalState } from './events.js';
import { INTENT_ABANDON_MS, moveIntent, POINT_INTENT_FAMILY } from './intent.js';
import { findIntent, findIntentById, insertIntent } from './records.js';
import type { MoveStep } from '../lifecycle/move.js';

/** ABANDONED when nobody paid it in time. */
export const INTENT_EXPIRE_TIMER = 'point_intent.expire';

export interface NewIntent {
  amount: number;
  description?: string | undefined;
  payment?: IntentPaymentConfig | undefined;
  additional_info: IntentAdditionalInfo;
}

export type CreateIntentError =
  | { code: 'unsupported_site'; site: string }
  | { code: 'amount_out_of_range'; min: number; max: number; site: string }
  | { code: 'device_not_found' }
  | { code: 'device_not_pdv' }
  | { code: 'device_busy' };

/**
 * POST /point/integration-api/devices/{device_id}/payment-intents (reference
 * §4.1): the amount within the site's limits, the device the seller's and in
 * PDV mode ("in PDV mode the device receives payment intents", the SDK's
 * Point client), and free: one waiting charge per terminal whatever API
 * queued it, held by the open_charges key ("409 Device has a queued payment
 * intent"). The device takes it after its take delay; ABANDONED an hour
 * after creation if nobody paid it.
 */
export async function createIntent(ctx: Ctx, tx: Tx, seller: Seller, deviceId: string, input: NewIntent): Promise<Result<PaymentIntent, CreateIntentError>> {
  const site = siteOf(seller.site_id);
  const amount = checkIntentAmount(site.id, input.amount);
  if (!amount.ok) return err(amount.error.code === 'unsupported_site' ? { code: 'unsupported_site', site: site.id } : { ...amount.error, site: site.id });
  const terminal = await findTerminal(tx.ex, seller.id, deviceId);
  if (!terminal) return err({ code: 'device_not_found' });
  if (terminal.operating_mode !== 'PDV') return err({ code: 'device_not_pdv' });
  const now = sellerNow(ctx.clock, seller);
  const intent: PaymentIntent = {
    id: uuid(),
    seller_id: seller.id,
    site_id: site.id,
    currency: site.currency,
    device_id: terminal.id,
    status: 'OPEN',
    amount: input.amount,
    description: input.description ?? null,
    payment: input.payment ?? null,
    additional_info: input.additional_info,
    payment_id: null,
    payment_state: null,
    payment_type: null,
    expires_at: now + INTENT_ABANDON_MS,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  if (!(await claimSlot(tx, terminalSlot(terminal.id), { family: POINT_INTENT_FAMILY, chargeId: intent.id, sellerId: seller.id, at: now }))) return err({ code: 'device_busy' });
  await insertIntent(tx.ex, intent);
  await scheduleTake(ctx, tx, seller, terminal, POINT_INTENT_FAMILY, intent.id, now);
  await scheduleAt(tx, ctx.kick, seller, INTENT_EXPIRE_TIMER, intent.id, intent.expires_at, now);
  return ok(intent);
}

/**
 * An intent reached a final state: its terminal's slot is freed, the screen
 * (if it still shows this intent and `keepScreen` is false) goes back to idle,
 * and the state is notified. Undefined when the allow-list refuses (it moved on).
 */
export async function endIntent(
  ctx: Ctx,
  tx: Tx,
  i: PaymentIntent,
  path: ReadonlyArray<MoveStep<IntentState>>,
  now: number,
  next: (i: PaymentIntent) => PaymentIntent = (x) => x,
  keepScreen = false,
): Promise<PaymentIntent | undefined> {
  const moved = await moveIntent(tx, i, path, now, next);
  if (!moved.ok) return undefined;
  const ended = moved.value;
  await releaseSlot(tx, terminalSlot(ended.device_id), ended.id);
  if (!keepScreen) {
    const row = await findTerminal(tx.ex, ended.seller_id, ended.device_id);
    if (row) {
      const screen = parseScreen(row.screen);
      if (screen.state !== 'idle' && screen.charge?.id === ended.id) await moveScreen(tx, row, { type: 'reset' }, now);
    }
  }
  await emitIntentEvent(ctx, tx, ended as PaymentIntent & { status: IntentFinalState }, now);
  return ended;
}

export type CancelIntentError = { code: 'intent_not_found' } | { code: 'not_cancelable'; state: IntentState };

/** DELETE .../devices/{device_id}/payment-intents/{id}: only while OPEN (reference §4.1); CANCELED, the terminal freed. */
export async function cancelIntent(ctx: Ctx, tx: Tx, seller: Seller, deviceId: string, id: string): Promise<Result<PaymentIntent, CancelIntentError>> {
  const i = await findIntent(tx.ex, seller.id, id);
  if (!i || i.device_id !== deviceId) return err({ code: 'intent_not_found' });
  if (!INTENT_CANCELABLE.includes(i.status)) return err({ code: 'not_cancelable', state: i.status });
  const ended = await endIntent(ctx, tx, i, [{ status: 'CANCELED', detail: 'canceled_by_api' }], sellerNow(ctx.clock, seller));
  return ended ? ok(ended) : err({ code: 'not_cancelable', state: i.status });
}

/** The intent's time is up: ABANDONED if it is still waiting (queued or on the terminal without a card). */
export const expireIntent: TimerHandler = async (ctx, tx, timer) => {
  const i = await findIntentById(tx.ex, timer.target_id);
  if (!i || (i.status !== 'OPEN' && i.status !== 'ON_TERMINAL')) return;
  const seller = await getSeller(tx.ex, i.seller_id);
  await endIntent(ctx, tx, i, [{ status: 'ABANDONED', detail: 'expired' }], ctx.clock.realNow() + (seller?.clock_offset_ms ?? 0));
};
