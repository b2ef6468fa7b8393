import { sellerNow } from '../../../core/clock.js';
import { getCurrency } from '../../../core/currency.js';
import { formatAmount } from '../../../core/money.js';
import { err, ok, type Result } from '../../../core/result.js';
import type { Ctx } from '../../../context.js';
import type { Tx } from '../../../store/db.js';
import { getSeller } from '../../../store/repos/sellers.js';
import { findTerminal, type TerminalRow } from '../../../store/repos/terminals.js';
import type { PayerOutcome } from '../../counter/family.js';
import { holderOf } from '../../counter/charges.js';
import { terminalSlot, type PaymentSource } from '../../counter/source.js';
import type { Seller } from '../../sellers/seller.js';
import { automaticDueAt, moveScreen } from '../../terminals/device.js';
import { parseScreen } from '../../terminals/screen.js';
import { CARD_BRANDS, cardByNumber, cardDigits, outcomeFor, TEST_CARDS, type CardBrand } from '../../terminals/test-cards.js';
import { automaticOf } from '../../terminals/terminal.js';
import { scheduleAt, type TimerHandler } from '../../timers.js';
import { moveOrder, withTransactions, type MpOrder } from '../order.js';
import { findOrderById } from '../records.js';
import { MP_ORDER_FAMILY } from '../slot.js';
import { endPointOrder } from './terminal-side.js';

export const POINT_STALL_TIMER = 'mp_order.point_stall';
export const POINT_AUTO_TIMER = 'mp_order.point_auto';
/** "action_required: 40 s after processing starts" (supplement §1.5). */
export const STALL_MS = 40_000;

const nowOf = async (ctx: Ctx, tx: Tx, sellerId: number) => ctx.clock.realNow() + ((await getSeller(tx.ex, sellerId))?.clock_offset_ms ?? 0);

/** Shows the order on the terminal and asks for a card; a screen still showing a finished charge is cleared first. */
async function show(tx: Tx, row: TerminalRow, o: MpOrder, now: number): Promise<void> {
  let current = row;
  if (parseScreen(row.screen).state !== 'idle') current = (await moveScreen(tx, row, { type: 'reset' }, now)).ok ? (await findTerminal(tx.ex, row.seller_id, row.id))! : row;
  const charge = { kind: 'order' as const, id: o.id, amount: o.total_amount, currency: o.currency, ticket_number: o.point?.ticket_number ?? null, description: o.description ?? null };
  const shown = await moveScreen(tx, current, { type: 'show', charge }, now);
  if (shown.ok) await moveScreen(tx, shown.value.terminal, { type: 'ask_card' }, now);
}

/** The take delay is over: the terminal takes the queued order (created → at_terminal) and asks for a card. */
export const takePointOrder: TimerHandler = async (ctx, tx, timer) => {
  const o = await findOrderById(tx.ex, timer.target_id);
  if (!o || o.status !== 'created' || !o.point) return;
  const now = await nowOf(ctx, tx, o.seller_id);
  if (now >= o.expires_at) return;
  const moved = await moveOrder(tx, o, 'at_terminal', 'at_terminal', now, (x) => withTransactions(x, 'at_terminal', 'at_terminal'));
  if (!moved.ok) return;
  const row = await findTerminal(tx.ex, o.seller_id, o.point.terminal_id);
  if (!row) return;
  await show(tx, row, moved.value, now);
  const due = automaticDueAt(row, now);
  const seller = await getSeller(tx.ex, o.seller_id);
  if (due !== null && seller) await scheduleAt(tx, ctx.kick, seller, POINT_AUTO_TIMER, o.id, due, now);
};

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

async function heldOrder(tx: Tx, seller: Seller, terminalId: string): Promise<Result<{ row: TerminalRow; order: MpOrder }, DeviceError>> {
  const row = await findTerminal(tx.ex, seller.id, terminalId);
  if (!row) return err({ code: 'terminal_not_found' });
  const held = await holderOf(tx, terminalSlot(row.id));
  const order = held?.family === MP_ORDER_FAMILY ? await findOrderById(tx.ex, held.chargeId) : undefined;
  if (!order) return err({ code: 'nothing_queued' });
  return ok({ row, order });
}

/**
 * The payer presents a card (sandbox device action): the screen goes to
 * processing, the counter applies the outcome the cardholder name asks for
 * (APRO approves; OTHE, CALL, FUND, SECU, EXPI, FORM decline), the screen
 * shows it and prints the ticket (unless no_ticket).
 */
export async function presentCard(ctx: Ctx, tx: Tx, seller: Seller, terminalId: string, input: CardInput): Promise<Result<MpOrder, DeviceError>> {
  const held = await heldOrder(tx, seller, terminalId);
  if (!held.ok) return held;
  const { row, order } = held.value;
  const screen = parseScreen(row.screen);
  if (order.status !== 'at_terminal' || screen.state !== 'waiting_card' || screen.charge?.id !== order.id) return err({ code: 'not_waiting_card', state: screen.state });
  // An API cancellation was requested: the terminal is about to confirm it and takes no card.
  if (order.payments.some((t) => t.status_detail === 'cancellation_requested')) return err({ code: 'not_payable', message: `Order ${order.id} is being canceled` });
  const card = input.number !== undefined ? cardByNumber(input.number) : TEST_CARDS[input.brand ?? 'master'];
  if (!card) return err({ code: 'unknown_card' });
  const cardholder = input.cardholder_name ?? 'APRO';
  const { outcome } = outcomeFor(cardholder);
  const now = sellerNow(ctx.clock, seller);
  const installments = card.payment_type_id === 'debit_card' ? 1 : (input.installments ?? Number(order.point?.payment_method?.default_installments ?? 1));
  const read = await moveScreen(tx, row, { type: 'card_read', card: { payment_method_id: card.brand, last_four_digits: card.number.slice(-4), cardholder, installments } }, now);
  if (!read.ok) return err({ code: 'not_waiting_card', state: read.error.state });
  if (input.stall) {
    await scheduleAt(tx, ctx.kick, seller, POINT_STALL_TIMER, order.id, now + STALL_MS, now);
    return ok(order);
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
  const after = read.value.terminal;
  const shown = await moveScreen(tx, after, outcome.approved ? { type: 'approve', status_detail: outcome.point } : { type: 'decline', status_detail: outcome.point }, now);
  if (shown.ok && order.point?.print_on_terminal !== 'no_ticket') {
    const ticket = [`${order.point?.ticket_number ?? order.id}`, `${formatAmount(order.total_amount + (input.tip_amount ?? 0), getCurrency(order.currency)?.exponent ?? 2)} ${order.currency}`, `${card.brand} **** ${digits.last_four_digits}`, outcome.approved ? 'APROBADO' : 'RECHAZADO'].join('\n');
    await moveScreen(tx, shown.value.terminal, { type: 'print', ticket }, now);
  }
  return ok((await findOrderById(tx.ex, order.id))!);
}

/** The payer cancels on the device: canceled, payment canceled_on_terminal. */
export async function cancelOnTerminal(ctx: Ctx, tx: Tx, seller: Seller, terminalId: string): Promise<Result<MpOrder, DeviceError>> {
  const held = await heldOrder(tx, seller, terminalId);
  if (!held.ok) return held;
  // Only what the terminal shows can be canceled on it (an order still queued is not on the screen yet).
  if (held.value.order.status !== 'at_terminal') return err({ code: 'not_waiting_card', state: held.value.order.status });
  const ended = await endPointOrder(ctx, tx, held.value.order, 'canceled', 'canceled_on_terminal', sellerNow(ctx.clock, seller));
  return ended ? ok(ended) : err({ code: 'not_waiting_card', state: held.value.order.status });
}

/** The payer walks away (or the terminal loses its answer): action_required. */
export async function walkAway(ctx: Ctx, tx: Tx, seller: Seller, terminalId: string): Promise<Result<MpOrder, DeviceError>> {
  const held = await heldOrder(tx, seller, terminalId);
  if (!held.ok) return held;
  const o = held.value.order;
  if (o.status !== 'at_terminal') return err({ code: 'not_waiting_card', state: o.status });
  const ended = await endPointOrder(ctx, tx, o, 'action_required', 'action_required', sellerNow(ctx.clock, seller));
  return ended ? ok(ended) : err({ code: 'not_waiting_card', state: o.status });
}

/** 40 s after a card was read without an outcome: action_required (if nothing else ended it meanwhile). */
export const stallPointOrder: TimerHandler = async (ctx, tx, timer) => {
  const o = await findOrderById(tx.ex, timer.target_id);
  if (!o || o.status !== 'at_terminal') return;
  await endPointOrder(ctx, tx, o, 'action_required', 'action_required', await nowOf(ctx, tx, o.seller_id));
};

/** Automatic mode: the terminal's configured cardholder presents a card after N seconds. */
export const autoPayPointOrder: TimerHandler = async (ctx, tx, timer) => {
  const o = await findOrderById(tx.ex, timer.target_id);
  if (!o || o.status !== 'at_terminal' || !o.point) return;
  const seller = await getSeller(tx.ex, o.seller_id);
  const row = seller && (await findTerminal(tx.ex, seller.id, o.point.terminal_id));
  const auto = row && automaticOf(row);
  if (!seller || !auto) return;
  const brand: CardBrand = o.point.payment_method?.default_type === 'debit_card' ? 'debvisa' : 'master';
  await presentCard(ctx, tx, seller, row.id, { brand: CARD_BRANDS.includes(brand) ? brand : 'master', cardholder_name: auto.outcome });
};
