import type { RefundError } from '../../../domain/mp-orders/refund.js';
import { siteOf } from '../../../domain/sellers/sites.js';
import type { Seller } from '../../../domain/sellers/seller.js';
import { getCurrency } from '../../../core/currency.js';
import { formatAmount } from '../../../core/money.js';
import type { OrderError } from './errors.js';

/** A refused order refund in the Orders envelope; amounts in the currency's decimals, never minor units. */
export function refundError(e: RefundError, seller: Seller): OrderError {
  const currency = siteOf(seller.site_id).currency;
  const money = (minor: number) => `${formatAmount(minor, getCurrency(currency)?.exponent ?? 2)} ${currency}`;
  switch (e.code) {
    case 'order_not_found':
      return { code: 'order_not_found' };
    case 'invalid_order_owner':
      return { code: 'invalid_order_owner', details: ['the order belongs to another user'] };
    case 'order_already_refunded':
      return { code: 'order_already_refunded' };
    case 'transaction_not_found':
      return { code: 'transaction_not_found', details: [`transaction ${e.id} is not part of this order`] };
    case 'cannot_refund_order':
      return { code: 'cannot_refund_order', details: [`the order is ${e.status}; only processed orders can be refunded`] };
    case 'window_closed':
      return { code: 'in_store_payment_refund_order', details: [`the refund window of ${e.window} for ${e.transactionId} has ended`] };
    case 'amount_exceeds':
      return { code: 'refund_amount_exceeds', details: [`${e.transactionId} has ${money(e.left)} left to refund, ${money(e.asked)} asked`] };
    case 'partial_refund_with_cashout':
      return { code: 'partial_refund_not_allowed_with_cashout', details: [`cash-out ${e.transactionId} can only be refunded in full`] };
    case 'partial_refund_with_tips':
      return { code: 'partial_refund_forbidden_with_tips', details: [`payment ${e.transactionId} has a tip and can only be refunded in full`] };
  }
}
