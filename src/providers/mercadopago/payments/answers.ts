import { Type, type TSchema } from '@sinclair/typebox';
import { legacyError } from '../errors/answers.js';

/**
 * The Payments API's answers for the OpenAPI document (src/http/answers.ts):
 * the payment and the refund objects. The example is the captured real
 * in-person payment of supplement §7 (its elided parts filled the way caja
 * prints them: caja charges no fees and its sellers are test users).
 */
const str = Type.String();
const num = Type.Number();
const orNull = (t: TSchema) => Type.Union([t, Type.Null()]);
const nstr = orNull(str);

export const PaymentRefundObject = Type.Object({
  id: Type.Integer(),
  payment_id: Type.Integer(),
  amount: num,
  amount_refunded_to_payer: num,
  metadata: Type.Object({}),
  source: Type.Object({ id: str, name: str, type: str }),
  date_created: str,
  unique_sequence_number: nstr,
  refund_mode: str,
  adjustment_amount: num,
  status: Type.Union([Type.Literal('approved'), Type.Literal('in_process'), Type.Literal('rejected')], { description: 'in_process while the order’s refund is processing' }),
  reason: nstr,
  labels: Type.Array(str),
  partition_details: Type.Array(Type.Unknown()),
});

export const PaymentObject = Type.Object({
  id: Type.Integer({ description: 'A number; equals the order transaction’s reference_id' }),
  date_created: str,
  date_approved: nstr,
  date_last_updated: str,
  date_of_expiration: nstr,
  money_release_date: nstr,
  money_release_status: nstr,
  operation_type: str,
  issuer_id: nstr,
  payment_method_id: str,
  payment_type_id: str,
  payment_method: Type.Object({ id: str, type: str, issuer_id: nstr }),
  status: Type.Union(['approved', 'rejected', 'refunded', 'in_process', 'pending', 'cancelled', 'charged_back'].map((s) => Type.Literal(s))),
  status_detail: str,
  currency_id: str,
  description: nstr,
  live_mode: Type.Boolean(),
  sponsor_id: orNull(num),
  authorization_code: nstr,
  collector_id: Type.Integer(),
  payer: Type.Object({ id: str, email: str, identification: Type.Object({ type: str, number: str }) }),
  metadata: Type.Object({}),
  additional_info: Type.Object({ items: Type.Optional(Type.Array(Type.Object({ title: str, quantity: str, unit_price: str, description: nstr }))) }),
  order: Type.Object({ id: Type.Optional(str), type: Type.Optional(str) }, { description: 'The merchant_order, once one exists ({} before)' }),
  external_reference: nstr,
  transaction_amount: num,
  transaction_amount_refunded: num,
  coupon_amount: num,
  installments: Type.Integer(),
  transaction_details: Type.Object({ net_received_amount: num, total_paid_amount: num, installment_amount: num, overpaid_amount: num }),
  fee_details: Type.Array(Type.Unknown()),
  charges_details: Type.Array(Type.Unknown()),
  captured: Type.Boolean(),
  binary_mode: Type.Boolean(),
  statement_descriptor: str,
  notification_url: nstr,
  refunds: Type.Array(PaymentRefundObject),
  processing_mode: str,
  pos_id: Type.Union([str, Type.Null()], { description: 'A string (supplement §7)' }),
  store_id: Type.Union([str, Type.Null()], { description: 'A string (supplement §7)' }),
  point_of_interaction: Type.Object({
    type: str,
    sub_type: str,
    linked_to: str,
    business_info: orNull(Type.Object({ unit: str, sub_unit: str })),
    references: Type.Array(Type.Object({ id: str, type: str })),
  }),
  card: Type.Object({}),
  site_id: str,
});

export const PaymentSearchPage = Type.Object({
  paging: Type.Object({ total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() }),
  results: Type.Array(PaymentObject),
});

const at = '2025-12-09T13:20:17.000-04:00';
export const PAYMENT_REFUND_EXAMPLE = {
  id: 1000000001,
  payment_id: 137159042654,
  amount: 5200,
  amount_refunded_to_payer: 5200,
  metadata: {},
  source: { id: '3021033244', name: 'Panaderia Norte', type: 'collector' },
  date_created: '2025-12-09T14:02:51.000-04:00',
  unique_sequence_number: null,
  refund_mode: 'standard',
  adjustment_amount: 0,
  status: 'approved',
  reason: null,
  labels: [],
  partition_details: [],
};

/** Supplement §7: the captured AR payment of an Orders QR order (abridged parts as caja prints them). */
export const PAYMENT_EXAMPLE = {
  id: 137159042654,
  date_created: at,
  date_approved: at,
  date_last_updated: at,
  date_of_expiration: null,
  money_release_date: at,
  money_release_status: 'released',
  operation_type: 'regular_payment',
  issuer_id: '310',
  payment_method_id: 'visa',
  payment_type_id: 'credit_card',
  payment_method: { id: 'visa', type: 'credit_card', issuer_id: '310' },
  status: 'approved',
  status_detail: 'accredited',
  currency_id: 'ARS',
  description: 'Order QR - Sucursal 22',
  live_mode: false,
  sponsor_id: null,
  authorization_code: '154265',
  collector_id: 3021033244,
  payer: { id: '2915257370', email: 'test_user_2915257370@testuser.com', identification: { type: 'DNI', number: '1111111' }, type: null, first_name: 'APRO', last_name: null, entity_type: null, operator_id: null, phone: { area_code: null, number: null, extension: null } },
  metadata: {},
  additional_info: { items: [{ title: ' Citric naranja 1lt', quantity: '1', unit_price: '5200', description: 'Order QR - Sucursal 22' }] },
  order: { id: '36246917291', type: 'mercadopago' },
  external_reference: 'ID23',
  transaction_amount: 5200,
  transaction_amount_refunded: 0,
  coupon_amount: 0,
  installments: 1,
  transaction_details: { net_received_amount: 5200, total_paid_amount: 5200, installment_amount: 5200, overpaid_amount: 0, external_resource_url: null, financial_institution: null, payment_method_reference_id: null, acquirer_reference: null },
  fee_details: [],
  charges_details: [],
  captured: true,
  binary_mode: true,
  statement_descriptor: 'Mercadopago*fake',
  notification_url: null,
  refunds: [],
  processing_mode: 'aggregator',
  pos_id: '122220915',
  store_id: '72054947',
  point_of_interaction: {
    type: 'INSTORE',
    sub_type: 'INTRA_PSP',
    linked_to: 'regular_payment',
    business_info: { unit: 'wallet', sub_unit: 'qr', branch: 'QR' },
    location: { source: 'store', state_id: 'AR-B' },
    references: [{ id: 'ORDTST01KC220W64G2BQFHHEY1EN1ZZJ', type: 'ORDER_MP' }],
    application_data: { name: null, version: null, operating_system: null },
    transaction_data: { qr_code: null, qr_code_base64: null, transaction_id: null, bank_transfer_id: null, financial_institution: null, bank_info: null, ticket_url: null },
  },
  card: { first_six_digits: '450995', last_four_digits: '3704', cardholder: { name: 'APRO' } },
  site_id: 'MLA',
};

export const paymentNotFound = legacyError(404, 'Payment not found (any id that is not one of this seller’s payments)', { code: 2000, description: 'Payment not found', data: null });
