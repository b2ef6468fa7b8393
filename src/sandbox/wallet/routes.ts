import type { FastifyInstance, FastifyReply } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Ctx } from '../../context.js';
import { getCurrency } from '../../core/currency.js';
import { formatAmount } from '../../core/money.js';
import type { PayableCharge, PaymentReceipt } from '../../domain/counter/family.js';
import type { QrResolveError } from '../../domain/qr/registry.js';
import { sendLegacyCause } from '../../providers/mercadopago/errors/legacy.js';
import { Text } from '../../http/types.js';
import { PAYMENT_METHOD_IDS } from '../../domain/payment-methods.js';
import { pay, scan, type ScanResult } from './wallet.js';
import { answers, bodyExample, ok } from '../../http/answers.js';
import { Receipt, RECEIPT_EXAMPLE, SCAN_EXAMPLE, ScanAnswer, WALLET_BODY_EXAMPLE, walletErrors } from '../answers.js';

const tags = ['Sandbox'];
const QrBody = Type.Object({ qr_data: Text({ minLength: 1, maxLength: 1024, description: 'The text inside the QR code' }) }, { additionalProperties: false });
const PayBody = Type.Object(
  {
    qr_data: Text({ minLength: 1, maxLength: 1024 }),
    outcome: Type.Optional(Type.Union([Type.Literal('approved'), Type.Literal('rejected')], { description: 'Default approved' })),
    payment_method: Type.Optional(Type.Union(PAYMENT_METHOD_IDS.map((m) => Type.Literal(m)), { description: 'Default account_money' })),
    payer: Type.Optional(
      Type.Object(
        {
          name: Type.Optional(Text({ maxLength: 100 })),
          tax_id: Type.Optional(Text({ maxLength: 30 })),
          account: Type.Optional(Text({ maxLength: 40 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

const money = (minor: number, currency: string) => formatAmount(minor, getCurrency(currency)?.exponent ?? 2);

function renderCharge(c: PayableCharge) {
  return {
    status: 'payable' as const,
    provider: c.family,
    merchant: c.merchant,
    amount: money(c.amount, c.currency),
    currency: c.currency,
    charge: { id: c.id, external_reference: c.externalReference ?? null, description: c.description ?? null },
    ...(c.items?.length ? { items: c.items.map((i) => ({ title: i.title, quantity: i.quantity, unit_price: money(i.unitPrice, c.currency) })) } : {}),
    ...(c.details ? { details: c.details } : {}),
  };
}

export function renderScan(s: ScanResult) {
  return s.payable ? renderCharge(s.charge) : { status: 'nothing_to_pay' as const, reason: s.nothing.reason, message: s.nothing.message };
}

function renderReceipt(r: PaymentReceipt) {
  return {
    id: r.id,
    status: r.status,
    status_detail: r.statusDetail,
    amount: money(r.amount, r.currency),
    currency: r.currency,
    charge_id: r.chargeId,
    payment_method: r.paymentMethod,
    ...(r.details ?? {}),
  };
}

function qrError(reply: FastifyReply, e: QrResolveError) {
  if (e.code === 'invalid_payload') {
    return sendLegacyCause(reply, 'bad_request', `invalid_qr_${e.parse.code}`, `Not a valid EMV QR payload: ${e.parse.message}`, e.parse.path || null);
  }
  return sendLegacyCause(reply, 'not_found', 'unknown_qr', 'This code was not issued by this caja (or its POS was deleted)', 'qr_data');
}

/**
 * The payer's side: a wallet that reads any QR caja issued. No credentials,
 * like a real wallet: knowing the code is enough, but only caja's own codes
 * resolve, byte for byte.
 */
export function walletRoutes(ctx: Ctx) {
  return async (instance: FastifyInstance) => {
    const app = instance.withTypeProvider<TypeBoxTypeProvider>();
    app.post('/wallet/scan', { schema: { tags, summary: "What a payer's app shows for a code", body: QrBody, ...bodyExample({ qr_data: WALLET_BODY_EXAMPLE.qr_data }), ...answers({ 200: ok(ScanAnswer, SCAN_EXAMPLE, 'payable (merchant, amount, charge) or nothing_to_pay with the reason'), ...walletErrors(false) }) } }, async (req, reply) => {
      const r = await ctx.store.transaction((tx) => scan(ctx, tx, req.body.qr_data));
      return r.ok ? renderScan(r.value) : qrError(reply, r.error);
    });
    app.post('/wallet/pay', {
      schema: {
        tags, summary: 'Pay (or decline) what is behind a code', body: PayBody, ...bodyExample(WALLET_BODY_EXAMPLE),
        ...answers({ 201: ok(Receipt, RECEIPT_EXAMPLE, 'Paid: the receipt (with the family\'s details)'), 200: ok(Receipt, { ...RECEIPT_EXAMPLE, status: 'rejected', status_detail: 'rejected_by_bank' }, 'Declined (outcome rejected): the receipt'), ...walletErrors(true) }),
      },
    }, async (req, reply) => {
      const b = req.body;
      const payer = b.payer ? { name: b.payer.name, taxId: b.payer.tax_id, account: b.payer.account } : undefined;
      const r = await ctx.store.transaction((tx) => pay(ctx, tx, b.qr_data, { outcome: b.outcome ?? 'approved', paymentMethod: b.payment_method ?? 'account_money', payer }));
      if (r.ok) return reply.code(r.value.status === 'approved' ? 201 : 200).send(renderReceipt(r.value));
      if (r.error.code === 'nothing_to_pay') {
        return sendLegacyCause(reply, 'conflict', r.error.nothing.reason, r.error.nothing.message, 'qr_data');
      }
      return qrError(reply, r.error);
    });
  };
}
