import { err, ok } from '../../core/result.js';
import type { Ctx } from '../../context.js';
import type { Tx } from '../../store/db.js';
import { getSeller } from '../../store/repos/sellers.js';
import { findStore } from '../../store/repos/stores.js';
import { sellerNow } from '../../core/clock.js';
import type { CounterFamily, NothingPayable, PayableCharge } from '../counter/family.js';
import { recordPayment, refundInLedger } from '../counter/ledger.js';
import { refundable } from '../counter/payment.js';
import { rejectionDetail } from '../payment-methods.js';
import { siteOf } from '../sellers/sites.js';
import type { Location } from '../stores/location.js';
import { emitIntentFinal } from './events.js';
import { amountToPay, isLapsed, moveIntent, type InstoreIntent } from './intent.js';
import { intentItems as items, ledgerEntry } from './ledger-entry.js';
import { intentTerminal, payPointIntent } from './point-terminal.js';
import { findIntent } from './records.js';
import { INTENT_FAMILY, leavePrinted } from './slot.js';

function nothing(i: InstoreIntent, now: number): NothingPayable | undefined {
  if (isLapsed(i, now) || i.status === 'EXPIRED') return { reason: 'expired', message: `Intent ${i.id} expired` };
  if (i.status === 'CANCELED') return { reason: 'canceled', message: `Intent ${i.id} was canceled` };
  if (i.status === 'CLOSED' || i.status === 'PROCESSED') return { reason: 'paid', message: `Intent ${i.id} is already paid` };
  if (i.status === 'ERROR' || i.status === 'CONFIRMATION_REQUIRED') return { reason: 'failed', message: `Intent ${i.id} is ${i.status}` };
  if (i.kind === 'point' && i.status === 'OPENED') return { reason: 'not_payable', message: `Intent ${i.id} is not on its terminal yet` };
  return undefined;
}



async function charge(tx: Tx, i: InstoreIntent): Promise<PayableCharge> {
  const store = await findStore(tx.ex, i.seller_id, i.store_id);
  const cashOut = i.operations.find((o) => o.type === 'CASH_OUT');
  return {
    family: INTENT_FAMILY,
    id: i.id,
    sellerId: i.seller_id,
    merchant: { name: store?.name ?? '', city: store ? (JSON.parse(store.location) as Location).city_name : undefined, country: siteOf(i.site_id).countryId },
    amount: amountToPay(i),
    currency: i.currency,
    description: i.description,
    externalReference: i.external_reference,
    items: items(i).map((it) => ({ title: it.title, quantity: it.quantity, unitPrice: it.unit_price })),
    details: { kind: i.kind, pos: i.external_pos_id, ...(cashOut ? { cash_out: cashOut.amount } : {}) },
  };
}


/**
 * Instore intents at the counter. QR: what a POS's printed QR holds (STATIC)
 * or the intent's own code (DYNAMIC). Both lead here; the compare-and-set of
 * the move to CLOSED lets one payment win (a concurrent payer is retried on
 * fresh state and finds it paid). Point: what holds its terminal's slot,
 * driven by the simulated device through `terminal` (point-terminal.ts).
 */
export const intentFamily: CounterFamily = {
  name: INTENT_FAMILY,
  codes: ['mp_intent'],
  terminal: intentTerminal,

  async find(_ctx, tx, chargeId, now) {
    const i = await findIntent(tx.ex, chargeId);
    if (!i) return err({ reason: 'not_payable', message: 'Unknown intent' });
    const no = nothing(i, now);
    return no ? err(no) : ok(await charge(tx, i));
  },

  async pay(ctx: Ctx, tx, c, source, payer, now) {
    const i = await findIntent(tx.ex, c.id);
    if (!i) return err({ reason: 'not_payable', message: 'Unknown intent' });
    const no = nothing(i, now);
    if (no) return err(no);
    if (i.kind === 'point') return payPointIntent(ctx, tx, i, source, payer, now);
    const seller = await getSeller(tx.ex, i.seller_id);
    const owner = { applicationId: seller?.application_id ?? 0 };
    if (payer.outcome === 'rejected') {
      // A declined attempt leaves the intent OPENED; the ledger keeps it.
      const detail = payer.statusDetail ?? rejectionDetail(payer.paymentMethod);
      const p = await recordPayment(ctx, tx, owner, ledgerEntry(i, source, payer, 'rejected', detail), now);
      return ok({ id: p.id, status: 'rejected', statusDetail: detail, amount: p.amount, currency: i.currency, chargeId: i.id, paymentMethod: payer.paymentMethod });
    }
    const p = await recordPayment(ctx, tx, owner, ledgerEntry(i, source, payer, 'approved', 'accredited'), now);
    // CLOSED carries operations[].results[]{id, source}: PAYMENT for the purchase, PAYOUT for the cash-out (same ledger payment, as an Orders cash-out shares its reference_id).
    const moved = await moveIntent(tx, i, [{ status: 'CLOSED', detail: 'accredited' }], now, (x) => ({
      ...x,
      payment_id: p.id,
      operations: x.operations.map((o) => ({ ...o, results: [{ id: Number(p.id), source: o.type === 'CASH_OUT' ? 'PAYOUT' : 'PAYMENT' }] })),
    }));
    if (!moved.ok) return err({ reason: 'not_payable', message: `Intent ${i.id} is ${moved.error.status}` });
    await leavePrinted(tx, moved.value, now);
    await emitIntentFinal(ctx, tx, { ...moved.value, status: 'CLOSED' }, now);
    return ok({ id: p.id, status: 'approved', statusDetail: 'accredited', amount: p.amount, currency: i.currency, chargeId: i.id, paymentMethod: payer.paymentMethod, details: { intent_id: i.id } });
  },

  // The Instore API has no refund of its own: a Payments API refund is settled in the ledger at once.
  async refund(ctx, tx, seller, payment, amount) {
    const now = sellerNow(ctx.clock, seller);
    const done = await refundInLedger(ctx, tx, { applicationId: seller.application_id }, payment, amount ?? refundable(payment), null, now, { settled: true });
    return done.ok ? ok([done.value.refund]) : err(done.error);
  },
};
