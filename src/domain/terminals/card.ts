import { sellerNow } from '../../core/clock.js';
import { getCurrency } from '../../core/currency.js';
import { formatAmount } from '../../core/money.js';
import { err, ok, type Result } from '../../core/result.js';
import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import { getSeller } from '../../store/repos/sellers.js';
import { findTerminal, type TerminalRow } from '../../store/repos/terminals.js';
import { holderOf } from '../counter/charges.js';
import type { PayerOutcome, TerminalCharge, TerminalHooks } from '../counter/family.js';
import { terminalSlot, type PaymentSource } from '../counter/source.js';
import type { Seller } from '../sellers/seller.js';
import { scheduleAt, type TimerHandler } from '../timers.js';
import { moveScreen } from './device.js';
import { parseScreen } from './screen.js';
import { STALL_MS, TERMINAL_STALL_TIMER, sellerNowOf, targetOf, terminalTarget } from './take.js';
import { CARD_BRANDS, cardByNumber, cardDigits, outcomeFor, TEST_CARDS, type CardBrand } from './test-cards.js';
import { automaticOf } from './terminal.js';

/**
 * The payer's side of the simulated terminal (the sandbox device actions and
 * the stall and automatic timers), for whatever charge holds the terminal's
 * slot: the counter names its family, whose terminal hooks move it.
 */

export interface CardInput {
  brand?: CardBrand | undefined;
  number?: string | undefined;
  cardholder_name?: string | undefined;
  installments?: number | undefined;
  tip_amount?: number | undefined;
  /** The terminal reads the card but never gets an answer: action_required 40 s later. */
  stall?: boolean | undefined;
}

export type DeviceError = { code: 'terminal_not_found' } | { code: 'nothing_queued' } | { code: 'not_waiting_card'; state: string } | { code: 'unknown_card' } | { code: 'not_payable'; message: string };

interface Held {
  row: TerminalRow;
  family: string;
  hooks: TerminalHooks;
  charge: TerminalCharge;
}

const atTerminal = (c: TerminalCharge) => c.stage === 'on_terminal' || c.stage === 'being_canceled';

/** The terminal and the charge holding its slot (any family with terminal hooks). */
async function heldCharge(ctx: Ctx, tx: Tx, seller: Seller, terminalId: string, now: number): Promise<Result<Held, DeviceError>> {
  const row = await findTerminal(tx.ex, seller.id, terminalId);
  if (!row) return err({ code: 'terminal_not_found' });
  const held = await holderOf(tx, terminalSlot(row.id));
  const hooks = held && ctx.counter.family(held.family)?.terminal;
  const charge = held && hooks && (await hooks.held(ctx, tx, held.chargeId, now));
  if (!held || !hooks || !charge) return err({ code: 'nothing_queued' });
  return ok({ row, family: held.family, hooks, charge });
}

const fresh = async (ctx: Ctx, tx: Tx, h: Held, now: number): Promise<TerminalCharge> => (await h.hooks.held(ctx, tx, h.charge.id, now)) ?? h.charge;

/**
 * The payer presents a card (sandbox device action): the screen goes to
 * processing, the counter applies the outcome the cardholder name asks for
 * (APRO approves; OTHE, CALL, FUND, SECU, EXPI, FORM decline) through the
 * family's `pay`, the screen shows it and prints the ticket (unless the
 * charge asked for none).
 */
export async function presentCard(ctx: Ctx, tx: Tx, seller: Seller, terminalId: string, input: CardInput): Promise<Result<TerminalCharge, DeviceError>> {
  const now = sellerNow(ctx.clock, seller);
  const held = await heldCharge(ctx, tx, seller, terminalId, now);
  if (!held.ok) return held;
  const { row, charge } = held.value;
  const screen = parseScreen(row.screen);
  if (!atTerminal(charge) || screen.state !== 'waiting_card' || screen.charge?.id !== charge.id) return err({ code: 'not_waiting_card', state: screen.state });
  // An API cancellation was requested: the terminal is about to confirm it and takes no card.
  if (charge.stage === 'being_canceled') return err({ code: 'not_payable', message: `${charge.label} is being canceled` });
  const card = input.number !== undefined ? cardByNumber(input.number) : TEST_CARDS[input.brand ?? 'master'];
  if (!card) return err({ code: 'unknown_card' });
  const cardholder = input.cardholder_name ?? 'APRO';
  const { outcome } = outcomeFor(cardholder);
  const installments = card.payment_type_id === 'debit_card' ? 1 : (input.installments ?? charge.defaultInstallments ?? 1);
  const read = await moveScreen(tx, row, { type: 'card_read', card: { payment_method_id: card.brand, last_four_digits: card.number.slice(-4), cardholder, installments } }, now);
  if (!read.ok) return err({ code: 'not_waiting_card', state: read.error.state });
  if (held.value.hooks.processing) await held.value.hooks.processing(ctx, tx, charge.id, now);
  if (input.stall) {
    await scheduleAt(tx, ctx.kick, seller, TERMINAL_STALL_TIMER, terminalTarget(held.value.family, charge.id), now + STALL_MS, now);
    return ok(await fresh(ctx, tx, held.value, now));
  }
  const digits = cardDigits(card);
  const payer: PayerOutcome = {
    outcome: outcome.approved ? 'approved' : 'rejected',
    paymentMethod: card.brand,
    statusDetail: outcome.approved ? undefined : outcome.payment,
    installments,
    tip: input.tip_amount,
    card: { firstSixDigits: digits.first_six_digits, lastFourDigits: digits.last_four_digits, cardholderName: cardholder },
  };
  const source: PaymentSource = { kind: 'terminal', terminalId: row.id, sellerId: seller.id };
  const resolved = await ctx.counter.resolve(tx, source);
  if (!resolved.ok) return err({ code: 'nothing_queued' });
  const found = await resolved.value.family.find(ctx, tx, resolved.value.chargeId, now);
  if (!found.ok) return err({ code: 'not_payable', message: found.error.message });
  const paid = await resolved.value.family.pay(ctx, tx, found.value, source, payer, now);
  if (!paid.ok) return err({ code: 'not_payable', message: paid.error.message });
  const shown = await moveScreen(tx, read.value.terminal, outcome.approved ? { type: 'approve', status_detail: outcome.point } : { type: 'decline', status_detail: outcome.point }, now);
  if (shown.ok && charge.printTicket) {
    const ticket = [`${charge.ticketNumber ?? charge.id}`, `${formatAmount(charge.amount + (input.tip_amount ?? 0), getCurrency(charge.currency)?.exponent ?? 2)} ${charge.currency}`, `${card.brand} **** ${digits.last_four_digits}`, outcome.approved ? 'APROBADO' : 'RECHAZADO'].join('\n');
    await moveScreen(tx, shown.value.terminal, { type: 'print', ticket }, now);
  }
  return ok(await fresh(ctx, tx, held.value, now));
}

/** Cancel on the device, or walk away: only what the terminal shows (a charge still queued is not on the screen yet). */
async function onDevice(ctx: Ctx, tx: Tx, seller: Seller, terminalId: string, act: 'cancelOnTerminal' | 'walkAway'): Promise<Result<TerminalCharge, DeviceError>> {
  const now = sellerNow(ctx.clock, seller);
  const held = await heldCharge(ctx, tx, seller, terminalId, now);
  if (!held.ok) return held;
  const c = held.value.charge;
  if (!atTerminal(c)) return err({ code: 'not_waiting_card', state: c.status });
  if (!(await held.value.hooks[act](ctx, tx, c.id, now))) return err({ code: 'not_waiting_card', state: c.status });
  return ok(await fresh(ctx, tx, held.value, now));
}

/** The payer cancels on the device (Orders: canceled, payment canceled_on_terminal). */
export const cancelOnTerminal = (ctx: Ctx, tx: Tx, seller: Seller, terminalId: string) => onDevice(ctx, tx, seller, terminalId, 'cancelOnTerminal');

/** The payer walks away (or the terminal loses its answer): Orders action_required. */
export const walkAway = (ctx: Ctx, tx: Tx, seller: Seller, terminalId: string) => onDevice(ctx, tx, seller, terminalId, 'walkAway');

/** 40 s after a card was read without an outcome: the family's walk-away (if nothing else ended the charge meanwhile). */
export const stallOnTerminal: TimerHandler = async (ctx, tx, timer) => {
  const target = await targetOf(ctx, timer);
  const c = target && (await target.hooks.held(ctx, tx, target.chargeId, ctx.clock.realNow()));
  if (!target || !c || !atTerminal(c)) return;
  await target.hooks.walkAway(ctx, tx, c.id, await sellerNowOf(ctx, tx, c.sellerId));
};

/** Automatic mode: the terminal's configured cardholder presents a card after N seconds. */
export const autoPayOnTerminal: TimerHandler = async (ctx, tx, timer) => {
  const target = await targetOf(ctx, timer);
  const c = target && (await target.hooks.held(ctx, tx, target.chargeId, ctx.clock.realNow()));
  if (!c || !atTerminal(c)) return;
  const seller = await getSeller(tx.ex, c.sellerId);
  const row = seller && (await findTerminal(tx.ex, seller.id, c.terminalId));
  const auto = row && automaticOf(row);
  if (!seller || !auto) return;
  const brand: CardBrand = c.defaultType === 'debit_card' ? 'debvisa' : 'master';
  await presentCard(ctx, tx, seller, row.id, { brand: CARD_BRANDS.includes(brand) ? brand : 'master', cardholder_name: auto.outcome });
};
