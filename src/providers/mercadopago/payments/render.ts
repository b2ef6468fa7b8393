import { isoAtOffset } from '../../../core/clock.js';
import { getCurrency } from '../../../core/currency.js';
import { formatAmount } from '../../../core/money.js';
import type { Payment, PaymentRefund } from '../../../domain/counter/payment.js';
import { siteOf } from '../../../domain/sellers/sites.js';
import type { SellerRow } from '../../../store/repos/sellers.js';

// The Payments API prints dates at -04:00 whatever the site (the captured AR payment, supplement §7).
const OFFSET = -240;
const date = (ms: number | null) => (ms === null ? null : isoAtOffset(ms, OFFSET));

/** Payments print amounts as JSON numbers: the decimal string of the minor units, read as a number. */
export function amountOf(p: Pick<Payment, 'currency'>) {
  const exponent = getCurrency(p.currency)?.exponent ?? 2;
  return (minor: number) => Number(formatAmount(minor, exponent));
}

const ID_TYPES: Record<string, string> = { MLA: 'DNI', MLB: 'CPF', MLM: 'RFC', MLC: 'RUT', MLU: 'CI', MCO: 'CC', MPE: 'DNI' };

/** caja's test buyer's user id: one per seller. */
export const testBuyerId = (sellerId: number): number => 2_915_257_000 + (sellerId % 1000);

/** caja's test buyer: one per seller, shaped like Mercado Pago's test users. */
function payer(p: Payment) {
  const id = testBuyerId(p.seller_id);
  return {
    id: String(id),
    email: `test_user_${id}@testuser.com`,
    identification: { type: ID_TYPES[p.site_id] ?? 'DNI', number: '11111111' },
    type: null,
    first_name: p.payer_name,
    last_name: null,
    entity_type: null,
    operator_id: null,
    phone: { area_code: null, number: null, extension: null },
  };
}

export function renderRefund(p: Pick<Payment, 'currency'>, r: PaymentRefund, seller: Pick<SellerRow, 'id' | 'name'>) {
  const m = amountOf(p);
  return {
    id: r.id,
    payment_id: r.payment_id,
    amount: m(r.amount),
    amount_refunded_to_payer: m(r.amount),
    metadata: {},
    source: { id: String(seller.id), name: seller.name, type: 'collector' },
    date_created: date(r.created_at),
    unique_sequence_number: null,
    refund_mode: 'standard',
    adjustment_amount: 0,
    status: r.status,
    reason: null,
    labels: [],
    partition_details: [],
  };
}

/** A payment as GET /v1/payments/{id} prints it (the captured real in-person payment, supplement §7). */
export function renderPayment(p: Payment, refunds: PaymentRefund[], seller: Pick<SellerRow, 'id' | 'name'>) {
  const m = amountOf(p);
  const approved = p.date_approved !== null;
  return {
    id: Number(p.id),
    date_created: date(p.date_created),
    date_approved: date(p.date_approved),
    date_last_updated: date(p.date_last_updated),
    date_of_expiration: null,
    money_release_date: date(p.date_approved),
    money_release_status: approved ? 'released' : null,
    operation_type: 'regular_payment',
    issuer_id: p.card ? '310' : null,
    payment_method_id: p.payment_method_id,
    payment_type_id: p.payment_type_id,
    payment_method: { id: p.payment_method_id, type: p.payment_type_id, issuer_id: p.card ? '310' : null },
    status: p.status,
    status_detail: p.status_detail,
    currency_id: p.currency,
    description: p.description,
    live_mode: false,
    sponsor_id: null,
    authorization_code: approved && p.card ? String(100000 + (Number(p.id) % 900000)) : null,
    collector_id: p.seller_id,
    payer: payer(p),
    metadata: {},
    additional_info: {
      ...(p.items ? { items: p.items.map((i) => ({ title: i.title, quantity: String(i.quantity), unit_price: formatAmount(i.unit_price, getCurrency(p.currency)?.exponent ?? 2), description: i.description ?? null })) } : {}),
    },
    order: p.merchant_order_id === null ? {} : { id: String(p.merchant_order_id), type: 'mercadopago' },
    external_reference: p.external_reference,
    transaction_amount: m(p.amount),
    transaction_amount_refunded: m(p.amount_refunded),
    coupon_amount: 0,
    installments: p.installments,
    transaction_details: {
      // caja charges no fees: what the seller receives is what the payer paid.
      net_received_amount: m(p.status === 'approved' || p.status === 'refunded' ? p.amount : 0),
      total_paid_amount: m(p.amount),
      installment_amount: m(Math.floor(p.amount / Math.max(1, p.installments))),
      overpaid_amount: 0,
      external_resource_url: null,
      financial_institution: null,
      payment_method_reference_id: null,
      acquirer_reference: null,
    },
    fee_details: [],
    charges_details: [],
    captured: true,
    binary_mode: true,
    statement_descriptor: `Mercadopago*${seller.name}`.slice(0, 22),
    notification_url: p.notification_url,
    refunds: refunds.map((r) => renderRefund(p, r, seller)),
    processing_mode: 'aggregator',
    pos_id: p.pos_id === null ? null : String(p.pos_id),
    store_id: p.store_id === null ? null : String(p.store_id),
    point_of_interaction: {
      type: 'INSTORE',
      sub_type: 'INTRA_PSP',
      linked_to: 'regular_payment',
      business_info: p.business_info,
      location: { source: 'store', state_id: null },
      references: p.references,
      application_data: { name: null, version: null, operating_system: null },
      transaction_data: { qr_code: null, qr_code_base64: null, transaction_id: null, bank_transfer_id: null, financial_institution: null, bank_info: null, ticket_url: null },
    },
    card: p.card ?? {},
    site_id: siteOf(p.site_id).id,
  };
}
