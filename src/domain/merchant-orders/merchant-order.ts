import type { CurrencyCode } from '../../core/currency.js';
import { machine } from '../lifecycle/machine.js';
import type { SiteId } from '../sellers/sites.js';

/**
 * A merchant_order (reference §5.2, supplement §6): what groups the payment
 * attempts of one scan of a code with an amount. Amounts are minor units;
 * times are the seller's clock (ms). Its payments live in the ledger
 * (`payment_ids`), so paid and refunded amounts are always the ledger's.
 *
 * status: opened ("Order without payments" or not yet covered), closed
 * ("payments covering total amount"), expired ("Canceled order (cancelled:
 * true) that does not have approved or pending payments").
 */
export type MerchantOrderStatus = 'opened' | 'closed' | 'expired';

export const MERCHANT_ORDER_MACHINE = machine<MerchantOrderStatus>('merchant_order', {
  opened: ['closed', 'expired'],
  closed: [],
  expired: [],
});

export interface MerchantOrderItem {
  id: string | null;
  title: string;
  description: string | null;
  picture_url: string | null;
  category_id: string | null;
  quantity: number;
  /** Minor units. */
  unit_price: number;
  currency_id: CurrencyCode;
}

export interface MerchantOrder {
  /** Numeric, as a string (the aggregate id); the wire prints a number. */
  id: string;
  seller_id: number;
  site_id: SiteId;
  currency: CurrencyCode;
  /** The charge it was scanned or paid for (an in-store order, an Orders order); null when created through the API. */
  charge_id: string | null;
  /** The counter family of that charge. */
  family: string | null;
  preference_id: string | null;
  application_id: string | null;
  sponsor_id: number | null;
  external_reference: string | null;
  notification_url: string | null;
  additional_info: string;
  marketplace: string;
  items: MerchantOrderItem[];
  /** Minor units: what the payer is asked to pay (items, or the charge's amount). */
  total_amount: number;
  cancelled: boolean;
  payment_ids: number[];
  status: MerchantOrderStatus;
  version: number;
  date_created: number;
  last_updated: number;
}

/** What the merchant_order topic's notifications need. */
export interface MerchantOrderEvent {
  id: string;
  status: MerchantOrderStatus;
  version: number;
  application_id: number;
  notification_url: string | null;
}
