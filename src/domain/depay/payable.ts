import type { CurrencyCode } from '../../core/currency.js';
import { err, ok } from '../../core/result.js';
import type { CounterFamily, NothingPayable, PayableCharge } from '../counter/family.js';
import { getDepayOrder, type DepayOrderRow } from '../../store/repos/depay-orders.js';
import { getSeller } from '../../store/repos/sellers.js';
import { formatIn } from './fx.js';
import { isDue, payOrder } from './lifecycle.js';

export const DEPAY_FAMILY = 'depay';

/** Why a Depay order is no longer payable, in the wallet's words. */
function nothing(o: DepayOrderRow, now: number): NothingPayable | undefined {
  if (isDue(o, now)) return { reason: 'expired', message: 'This QR expired (10 minutes after its creation)' };
  switch (o.status) {
    case 'CREATED':
      return undefined;
    case 'COMPLETED':
    case 'PARTIALLY_REFUNDED':
      return { reason: 'paid', message: 'This order is already paid' };
    case 'REFUNDED':
      return { reason: 'refunded', message: 'This order was paid and refunded' };
    case 'CANCELED':
      return { reason: 'canceled', message: 'This order was canceled or expired' };
    default:
      return { reason: 'failed', message: `This order ended ${o.status}` };
  }
}

function charge(o: DepayOrderRow, merchantName: string): PayableCharge {
  return {
    family: DEPAY_FAMILY,
    id: o.id,
    sellerId: o.seller_id,
    merchant: { name: merchantName, country: o.local_country },
    // The payer pays user_amount in user_currency (the seed: "compatible with the user's currency").
    amount: o.user_amount,
    currency: o.user_currency as CurrencyCode,
    externalReference: o.external_reference,
    details: {
      local_amount: formatIn(o.local_amount, o.local_currency),
      local_currency: o.local_currency,
      exchange_rate: o.exchange_rate,
      qr_from: o.qr_from,
      expires_at: new Date(o.expires_at).toISOString(),
    },
  };
}

/** How the sandbox wallet pays a Depay QR, like a payer in qr_from would. */
export const depayFamily: CounterFamily = {
  name: DEPAY_FAMILY,
  codes: ['depay_order'],
  async find(_ctx, tx, chargeId, now) {
    const o = await getDepayOrder(tx.ex, chargeId);
    if (!o) return err({ reason: 'not_payable', message: 'Unknown order' });
    const why = nothing(o, now);
    if (why) return err(why);
    const seller = await getSeller(tx.ex, o.seller_id);
    return ok(charge(o, seller?.name ?? 'Depay'));
  },
  async pay(ctx, tx, c, _source, outcome, now) {
    const o = await getDepayOrder(tx.ex, c.id);
    if (!o) return err({ reason: 'not_payable', message: 'Unknown order' });
    const why = nothing(o, now);
    if (why) return err(why);
    const paid = await payOrder(ctx, tx, o, outcome.outcome === 'approved', outcome.payer, now);
    if (!paid.ok) return err({ reason: 'not_payable', message: `This order is ${paid.error.status}` });
    const p = paid.value;
    return ok({
      id: p.payment_id!,
      status: outcome.outcome,
      statusDetail: outcome.outcome === 'approved' ? 'accredited' : 'rejected_by_bank',
      amount: p.user_amount,
      currency: p.user_currency as CurrencyCode,
      chargeId: p.id,
      paymentMethod: outcome.paymentMethod,
      details: { order_status: p.status, user_tax_id: p.payer_tax_id, user_account: p.payer_account },
    });
  },
};
