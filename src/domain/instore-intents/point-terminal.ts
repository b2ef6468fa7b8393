import { err, ok, type Result } from '../../core/result.js';
import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import { getSeller } from '../../store/repos/sellers.js';
import type { NothingPayable, PayerOutcome, PaymentReceipt, TerminalCharge, TerminalHooks, TerminalStage } from '../counter/family.js';
import { recordPayment, type NewPayment, cardEntry } from '../counter/ledger.js';
import { ledgerEntry } from './ledger-entry.js';
import type { PaymentSource } from '../counter/source.js';
import type { MoveStep } from '../lifecycle/move.js';
import { methodType } from '../payment-methods.js';
import { emitIntentFinal } from './events.js';
import { amountToPay, moveIntent, type FinalStatus, type InstoreIntent, type IntentStatus } from './intent.js';
import { findIntent } from './records.js';
import { INTENT_FAMILY } from './slot.js';
import { leaveTerminal } from './terminal-side.js';

function stageOf(i: InstoreIntent): TerminalStage {
  if (i.status === 'OPENED') return 'queued';
  return i.status === 'ON_TERMINAL' || i.status === 'PROCESSING' ? 'on_terminal' : 'ended';
}

function chargeOf(i: InstoreIntent): TerminalCharge {
  return {
    kind: 'intent',
    id: i.id,
    label: `Intent ${i.id}`,
    sellerId: i.seller_id,
    terminalId: i.terminal_id ?? '',
    stage: stageOf(i),
    status: i.status,
    statusDetail: i.status,
    amount: amountToPay(i),
    currency: i.currency,
    ticketNumber: i.point?.ticket_number ?? null,
    description: i.description,
    // print_on_terminal: ["SELLER_TICKET"] prints the seller's ticket; caja prints one unless the list is empty.
    printTicket: i.point?.print_on_terminal?.length !== 0,
  };
}

const pointIntent = async (tx: Tx, id: string) => {
  const i = await findIntent(tx.ex, id);
  return i && i.kind === 'point' ? i : undefined;
};

/** Ends an intent on its terminal (canceled on the device, walked away from, a card's outcome) and notifies. */
async function endOnTerminal(ctx: Ctx, tx: Tx, i: InstoreIntent, path: ReadonlyArray<MoveStep<IntentStatus>>, now: number, edit?: (i: InstoreIntent) => InstoreIntent, keepScreen = false): Promise<InstoreIntent | undefined> {
  const moved = await moveIntent(tx, i, path, now, edit);
  if (!moved.ok) return undefined;
  await leaveTerminal(tx, moved.value, now, keepScreen);
  await emitIntentFinal(ctx, tx, moved.value as InstoreIntent & { status: FinalStatus }, now);
  return moved.value;
}

const onTerminal = (i: InstoreIntent | undefined): boolean => i !== undefined && (i.status === 'ON_TERMINAL' || i.status === 'PROCESSING');

/**
 * Point intents on the simulated terminal (seed 001, the yaml's statuses): the
 * device takes an OPENED intent (ON_TERMINAL, "loaded on the point device"),
 * a card read starts PROCESSING, a cancel on the device ends it CANCELED, a
 * payer who walks away (or a card without an answer) CONFIRMATION_REQUIRED.
 */
export const intentTerminal: TerminalHooks = {
  async held(_ctx, tx, id) {
    const i = await pointIntent(tx, id);
    return i && chargeOf(i);
  },

  async take(_ctx, tx, id, now) {
    const i = await pointIntent(tx, id);
    if (!i || i.status !== 'OPENED' || now >= i.expires_at) return false;
    return (await moveIntent(tx, i, [{ status: 'ON_TERMINAL', detail: 'on_terminal' }], now)).ok;
  },

  async processing(_ctx, tx, id, now) {
    const i = await pointIntent(tx, id);
    if (!i || i.status !== 'ON_TERMINAL') return false;
    return (await moveIntent(tx, i, [{ status: 'PROCESSING', detail: 'card_read' }], now)).ok;
  },

  async cancelOnTerminal(ctx, tx, id, now) {
    const i = await pointIntent(tx, id);
    if (!i || i.status !== 'ON_TERMINAL') return false;
    return (await endOnTerminal(ctx, tx, i, [{ status: 'CANCELED', detail: 'canceled_on_terminal' }], now)) !== undefined;
  },

  async walkAway(ctx, tx, id, now) {
    const i = await pointIntent(tx, id);
    if (!i || !onTerminal(i)) return false;
    return (await endOnTerminal(ctx, tx, i, [{ status: 'CONFIRMATION_REQUIRED', detail: 'confirmation_required' }], now)) !== undefined;
  },
};

/** The ledger's view of a card payment of a Point intent: the QR entry's fields, paid at a terminal with a card. */
function entry(i: InstoreIntent, source: PaymentSource, payer: PayerOutcome, status: 'approved' | 'rejected', detail: string, amount: number): NewPayment {
  return {
    ...ledgerEntry(i, source, payer, status, detail),
    amount,
    source: { kind: 'terminal', id: source.kind === 'terminal' ? source.terminalId : (i.terminal_id ?? '') },
    // caja's reading of a Point payment's point_of_interaction, as for Orders on Point.
    business_info: { unit: 'point', sub_unit: 'instore_intents' },
    items: null,
    ...cardEntry(payer.card),
  };
}

/**
 * A card's outcome on a Point intent: approved → PROCESSING → PROCESSED →
 * CLOSED with results (the payment); declined → ERROR ("an error occurred
 * during intent processing"). The ledger keeps the attempt either way; the
 * terminal is freed and its screen keeps the outcome until the next take.
 */
export async function payPointIntent(ctx: Ctx, tx: Tx, i: InstoreIntent, source: PaymentSource, payer: PayerOutcome, now: number): Promise<Result<PaymentReceipt, NothingPayable>> {
  if (!onTerminal(i)) return err({ reason: 'not_payable', message: `Intent ${i.id} is ${i.status}` });
  const seller = await getSeller(tx.ex, i.seller_id);
  const owner = { applicationId: seller?.application_id ?? 0 };
  const processing: Array<MoveStep<IntentStatus>> = i.status === 'ON_TERMINAL' ? [{ status: 'PROCESSING', detail: 'card_read' }] : [];
  if (payer.outcome === 'rejected') {
    const detail = payer.statusDetail ?? 'cc_rejected_other_reason';
    const p = await recordPayment(ctx, tx, owner, entry(i, source, payer, 'rejected', detail, amountToPay(i)), now);
    const ended = await endOnTerminal(ctx, tx, i, [...processing, { status: 'ERROR', detail }], now, undefined, true);
    if (!ended) return err({ reason: 'not_payable', message: `Intent ${i.id} moved on` });
    return ok({ id: p.id, status: 'rejected', statusDetail: detail, amount: p.amount, currency: i.currency, chargeId: i.id, paymentMethod: payer.paymentMethod });
  }
  const paid = amountToPay(i) + (payer.tip ?? 0);
  const p = await recordPayment(ctx, tx, owner, entry(i, source, payer, 'approved', 'accredited', paid), now);
  const ended = await endOnTerminal(
    ctx,
    tx,
    i,
    [...processing, { status: 'PROCESSED', detail: 'accredited' }, { status: 'CLOSED', detail: 'accredited' }],
    now,
    (x) => ({ ...x, payment_id: p.id, operations: x.operations.map((o) => ({ ...o, results: [{ id: Number(p.id), source: o.type === 'CASH_OUT' ? 'PAYOUT' : 'PAYMENT' }] })) }),
    true,
  );
  if (!ended) return err({ reason: 'not_payable', message: `Intent ${i.id} moved on` });
  return ok({ id: p.id, status: 'approved', statusDetail: 'accredited', amount: paid, currency: i.currency, chargeId: i.id, paymentMethod: payer.paymentMethod, details: { intent_id: i.id } });
}
