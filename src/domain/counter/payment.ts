import type { CurrencyCode } from '../../core/currency.js';
import type { SiteId } from '../sellers/sites.js';
import { machine } from '../lifecycle/machine.js';

/**
 * A payment in the ledger: every attempt any Mercado Pago family takes,
 * approved or rejected, with Mercado Pago's numeric id. Amounts are minor
 * units; times are the seller's clock (ms). Statuses are the Payments API's
 * (reference §6); caja produces approved, rejected and refunded (and
 * in_process while a terminal processes).
 */
export const PAYMENT_MACHINE = machine<PaymentStatus>('payment', {
  in_process: ['approved', 'rejected'],
  // approved → approved is a partial refund (status_detail partially_refunded).
  approved: ['approved', 'refunded'],
  rejected: [],
  refunded: [],
});

export type PaymentStatus = 'in_process' | 'approved' | 'rejected' | 'refunded';

/** How the payment came in, for point_of_interaction (the captured QR payment; Point is caja's reading). */
export interface BusinessInfo {
  unit: string;
  sub_unit: string;
  branch?: string | undefined;
}

export interface PaymentCard {
  first_six_digits: string;
  last_four_digits: string;
  expiration_month: number;
  expiration_year: number;
  cardholder: { name: string; identification: { number: string; type: string } };
}

export interface PaymentItem {
  title: string;
  quantity: number;
  /** Minor units. */
  unit_price: number;
  description?: string | undefined;
}

export interface Payment {
  /** Numeric, as a string: the aggregate id (the wire prints a number). */
  id: string;
  seller_id: number;
  /** The counter family that owns the charge (its refunds go through it). */
  family: string;
  /** The charge's id in its API (ORD..., an intent, a legacy order). */
  charge_id: string;
  status: PaymentStatus;
  status_detail: string;
  currency: CurrencyCode;
  site_id: SiteId;
  /** What the payer paid, minor units. */
  amount: number;
  amount_refunded: number;
  external_reference: string | null;
  notification_url: string | null;
  description: string | null;
  payment_method_id: string;
  payment_type_id: string;
  installments: number;
  /** Where it was paid: a QR code or a terminal. */
  source: { kind: 'qr' | 'terminal'; id: string };
  pos_id: number | null;
  store_id: number | null;
  business_info: BusinessInfo;
  /** point_of_interaction.references: back to the charge (type ORDER_MP for Orders orders). */
  references: Array<{ id: string; type: string }>;
  /** The merchant_order this payment belongs to, once that model exists for the charge. */
  merchant_order_id: number | null;
  items: PaymentItem[] | null;
  card: PaymentCard | null;
  payer_name: string | null;
  version: number;
  date_created: number;
  date_approved: number | null;
  date_last_updated: number;
}

export type PaymentRefundStatus = 'in_process' | 'approved';

export interface PaymentRefund {
  id: number;
  payment_id: number;
  seller_id: number;
  amount: number;
  status: PaymentRefundStatus;
  /** The order's refund (REF...) when it belongs to an Orders order. */
  charge_refund_id: string | null;
  created_at: number;
  updated_at: number;
}

/** What the payment topic's notifications need (reference §7.2). */
export interface PaymentEvent {
  id: string;
  /** The payment's version after the change (the classic body's `version`). */
  version: number;
  application_id: number;
  notification_url: string | null;
}

/** What is left to refund. */
export const refundable = (p: Payment): number => (p.status === 'approved' ? p.amount - p.amount_refunded : 0);
