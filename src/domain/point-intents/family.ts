import { err, ok, type Result } from '../../core/result.js';
import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import { getSeller } from '../../store/repos/sellers.js';
import { findStore } from '../../store/repos/stores.js';
import { findTerminal } from '../../store/repos/terminals.js';
import type { CounterFamily, NothingPayable, PayableCharge, PayerOutcome, PaymentReceipt, TerminalCharge, TerminalStage } from '../counter/family.js';
import { recordPayment, type NewPayment, cardEntry } from '../counter/ledger.js';
import type { PaymentSource } from '../counter/source.js';
import { methodType } from '../payment-methods.js';
import { siteOf } from '../sellers/sites.js';
import type { Location } from '../stores/location.js';
import type { IntentState, PaymentIntent } from '../terminals/intents.js';
import { endIntent } from './commands.js';
import { moveIntent, POINT_INTENT_FAMILY } from './intent.js';
import { findIntentById } from './records.js';

const STAGE: Record<IntentState, TerminalStage> = {
  OPEN: 'queued',
  ON_TERMINAL: 'on_terminal',
  PROCESSING: 'on_terminal',
  PROCESSED: 'ended',
  FINISHED: 'ended',
  CONFIRMATION_REQUIRED: 'ended',
  CANCELED: 'ended',
  ERROR: 'ended',
  ABANDONED: 'ended',
};

/**
 * A declined card's outcome. The issuer answered (OTHE, CALL, FUND): the
 * intent is FINISHED with its payment rejected ("FINISHED = processed or
 * failed", the migration doc's mapping, reference §4.1). The card's own data
 * was wrong (SECU, EXPI, FORM: cc_rejected_bad_filled_*): a transaction
 * error, ERROR (glossary: "when a transaction error occurs"). caja's reading.
 */
const isCardDataError = (detail: string) => detail.startsWith('cc_rejected_bad_filled');

function nothing(i: PaymentIntent): NothingPayable | undefined {
  if (i.status === 'ON_TERMINAL' || i.status === 'PROCESSING') return undefined;
  if (i.status === 'OPEN') return { reason: 'not_payable', message: `Payment intent ${i.id} is not on the terminal yet` };
  if (i.status === 'CANCELED') return { reason: 'canceled', message: `Payment intent ${i.id} was canceled` };
  if (i.status === 'ABANDONED') return { reason: 'expired', message: `Payment intent ${i.id} was abandoned` };
  if (i.status === 'FINISHED' && i.payment_state === 'approved') return { reason: 'paid', message: `Payment intent ${i.id} is already paid` };
  return { reason: 'failed', message: `Payment intent ${i.id} is ${i.status}` };
}

function terminalCharge(i: PaymentIntent): TerminalCharge {
  return {
    kind: 'intent',
    id: i.id,
    label: `Payment intent ${i.id}`,
    sellerId: i.seller_id,
    terminalId: i.device_id,
    stage: STAGE[i.status],
    status: i.status,
    statusDetail: i.status,
    amount: i.amount,
    currency: i.currency,
    ticketNumber: i.additional_info.ticket_number ?? null,
    description: i.description,
    // print_on_terminal: "determines if you want to print the ticket on the device"; absent prints (caja's default, as Orders' seller_ticket).
    printTicket: i.additional_info.print_on_terminal !== false,
    defaultInstallments: i.payment?.installments,
    defaultType: i.payment?.type,
  };
}

async function payable(tx: Tx, i: PaymentIntent): Promise<PayableCharge> {
  const terminal = await findTerminal(tx.ex, i.seller_id, i.device_id);
  const store = terminal && (await findStore(tx.ex, i.seller_id, terminal.store_id));
  return {
    family: POINT_INTENT_FAMILY,
    id: i.id,
    sellerId: i.seller_id,
    merchant: { name: store?.name ?? '', city: store ? (JSON.parse(store.location) as Location).city_name : undefined, country: siteOf(i.site_id).countryId },
    amount: i.amount,
    currency: i.currency,
    description: i.description ?? undefined,
    externalReference: i.additional_info.external_reference,
  };
}

/** The ledger's view of an intent's payment (caja's reading: the Point payment shape of Orders for Point, business_info point/point_integration_api). */
async function ledgerEntry(tx: Tx, i: PaymentIntent, source: PaymentSource, payer: PayerOutcome, status: 'approved' | 'rejected', detail: string, amount: number): Promise<NewPayment> {
  const terminal = await findTerminal(tx.ex, i.seller_id, i.device_id);
  return {
    seller_id: i.seller_id,
    family: POINT_INTENT_FAMILY,
    charge_id: i.id,
    status,
    status_detail: detail,
    currency: i.currency,
    site_id: siteOf(i.site_id).id,
    amount,
    external_reference: i.additional_info.external_reference ?? null,
    notification_url: null,
    description: i.description,
    payment_method_id: payer.paymentMethod,
    payment_type_id: methodType(payer.paymentMethod),
    installments: payer.installments ?? 1,
    source: { kind: 'terminal', id: source.kind === 'terminal' ? source.terminalId : i.device_id },
    pos_id: terminal?.pos_id ?? null,
    store_id: terminal?.store_id ?? null,
    business_info: { unit: 'point', sub_unit: 'point_integration_api' },
    references: [],
    merchant_order_id: null,
    items: null,
    ...cardEntry(payer.card),
  };
}

async function pay(ctx: Ctx, tx: Tx, c: PayableCharge, source: PaymentSource, payer: PayerOutcome, now: number): Promise<Result<PaymentReceipt, NothingPayable>> {
  // Read again inside this transaction: the version guards against a concurrent DELETE or expiry.
  let i = await findIntentById(tx.ex, c.id);
  if (!i) return err({ reason: 'not_payable', message: 'Unknown payment intent' });
  const no = nothing(i);
  if (no) return err(no);
  if (i.status === 'ON_TERMINAL') {
    const started = await moveIntent(tx, i, 'PROCESSING', now);
    if (!started.ok) return err({ reason: 'not_payable', message: `Payment intent ${i.id} is ${started.error.status}` });
    i = started.value;
  }
  const seller = await getSeller(tx.ex, i.seller_id);
  const owner = { applicationId: seller?.application_id ?? 0 };
  const approved = payer.outcome === 'approved';
  const detail = approved ? 'accredited' : (payer.statusDetail ?? 'cc_rejected_other_reason');
  const amount = i.amount + (approved ? (payer.tip ?? 0) : 0);
  const p = await recordPayment(ctx, tx, owner, await ledgerEntry(tx, i, source, payer, approved ? 'approved' : 'rejected', detail, amount), now);
  const path = !approved && isCardDataError(detail) ? [{ status: 'ERROR' as const, detail }] : [{ status: 'PROCESSED' as const, detail }, { status: 'FINISHED' as const, detail }];
  const paid = (x: PaymentIntent): PaymentIntent => ({ ...x, payment_id: Number(p.id), payment_state: approved ? 'approved' : 'rejected', payment_type: methodType(payer.paymentMethod) });
  const ended = await endIntent(ctx, tx, i, path, now, paid, true);
  if (!ended) return err({ reason: 'not_payable', message: `Payment intent ${i.id} moved on` });
  return ok({ id: p.id, status: approved ? 'approved' : 'rejected', statusDetail: detail, amount, currency: i.currency, chargeId: i.id, paymentMethod: payer.paymentMethod });
}

/**
 * The Point Integration API's payment intents at the counter (reference
 * §4.1): a charge on a terminal's slot, paid only on the terminal. No refund
 * of its own: a Payments API refund of its payment is the ledger's alone.
 */
export const pointIntentFamily: CounterFamily = {
  name: POINT_INTENT_FAMILY,
  codes: [],

  async find(_ctx, tx, chargeId) {
    const i = await findIntentById(tx.ex, chargeId);
    if (!i) return err({ reason: 'not_payable', message: 'Unknown payment intent' });
    const no = nothing(i);
    return no ? err(no) : ok(await payable(tx, i));
  },

  pay,

  terminal: {
    async held(_ctx, tx, id) {
      const i = await findIntentById(tx.ex, id);
      return i && terminalCharge(i);
    },
    // The device takes it: OPEN → ON_TERMINAL (unless its time is up).
    async take(_ctx, tx, id, now) {
      const i = await findIntentById(tx.ex, id);
      if (!i || i.status !== 'OPEN' || now >= i.expires_at) return false;
      return (await moveIntent(tx, i, 'ON_TERMINAL', now)).ok;
    },
    // A card was read: PROCESSING until the issuer answers (or 40 s pass: CONFIRMATION_REQUIRED).
    async processing(_ctx, tx, id, now) {
      const i = await findIntentById(tx.ex, id);
      if (!i || i.status !== 'ON_TERMINAL') return false;
      return (await moveIntent(tx, i, 'PROCESSING', now)).ok;
    },
    async cancelOnTerminal(ctx, tx, id, now) {
      const i = await findIntentById(tx.ex, id);
      if (!i || i.status !== 'ON_TERMINAL') return false;
      return (await endIntent(ctx, tx, i, [{ status: 'CANCELED', detail: 'canceled_on_terminal' }], now)) !== undefined;
    },
    // Walked away before a card: ABANDONED; a card read without an answer: CONFIRMATION_REQUIRED ("ends without obtaining a payment status", glossary).
    async walkAway(ctx, tx, id, now) {
      const i = await findIntentById(tx.ex, id);
      if (!i) return false;
      if (i.status === 'ON_TERMINAL') return (await endIntent(ctx, tx, i, [{ status: 'ABANDONED', detail: 'walked_away' }], now)) !== undefined;
      if (i.status === 'PROCESSING') return (await endIntent(ctx, tx, i, [{ status: 'CONFIRMATION_REQUIRED', detail: 'no_answer' }], now)) !== undefined;
      return false;
    },
  },
};
