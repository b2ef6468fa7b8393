import { Type, type Static } from '@sinclair/typebox';
import type { CurrencyCode } from '../../../core/currency.js';
import { formatAmount, parseAmountIn } from '../../../core/money.js';
import { getCurrency } from '../../../core/currency.js';
import { err, ok, type Result } from '../../../core/result.js';
import type { IntentItem, IntentOperation, QrPaymentMode } from '../../../domain/instore-intents/intent.js';
import { siteOf, type SiteId } from '../../../domain/sellers/sites.js';
import { Text } from '../../../http/types.js';

/**
 * The create bodies of the Instore intents API (supplement §4, reference
 * §4.2, the yaml's requestBody): lengths and enums as the yaml prints them;
 * every object refuses unknown properties. Amounts are decimal strings
 * ("14.53", seed 000); numbers are read too (the yaml's examples print
 * 12.47 unquoted). Their values are checked by parseOperations.
 */
const closed = { additionalProperties: false } as const;
const Amount = Type.Union([Type.String({ maxLength: 32 }), Type.Number()], { description: 'Decimal string, e.g. "14.53"' });

const Item = Type.Object(
  {
    sku_number: Type.Optional(Text({ minLength: 1, maxLength: 100 })),
    title: Text({ minLength: 1, maxLength: 100 }),
    quantity: Type.Integer({ minimum: 1, maximum: 1_000_000 }),
    unit_measure: Type.Union([Type.Literal('UNIT'), Type.Literal('PACK')]),
    unit_price: Amount,
    external_categories: Type.Optional(Type.Array(Type.Object({ id: Text({ minLength: 1, maxLength: 100 }) }, closed), { maxItems: 20 })),
    total_amount: Amount,
  },
  closed,
);

const Operation = Type.Object(
  {
    type: Type.Union([Type.Literal('PURCHASE'), Type.Literal('CASH_OUT')]),
    amount: Type.Optional(Amount),
    items: Type.Optional(Type.Array(Item, { minItems: 1, maxItems: 100 })),
  },
  closed,
);

// The seed sends sponsor.id as a string ("1234567"), the yaml as a number: both are read.
const Sponsor = Type.Object({ id: Type.Union([Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }), Type.String({ pattern: '^[1-9][0-9]{0,15}$' })]) }, closed);

const common = {
  description: Text({ minLength: 1, maxLength: 255 }),
  external_reference: Text({ minLength: 1, maxLength: 100 }),
  sponsor: Type.Optional(Sponsor),
  operations: Type.Array(Operation, { minItems: 1, maxItems: 2 }),
};

export const QrIntentBody = Type.Object(
  {
    ...common,
    enabler_configuration: Type.Optional(
      Type.Object({ qr_payment_mode: Type.Optional(Type.Array(Type.Union([Type.Literal('STATIC'), Type.Literal('DYNAMIC')]), { minItems: 1, maxItems: 2, uniqueItems: true })) }, closed),
    ),
  },
  closed,
);
export type QrIntentBody = Static<typeof QrIntentBody>;

/**
 * The Point create body (the yaml's .../intents/point/...): operations carry
 * `type` and `amount` only (no items there); enabler_configuration
 * {device_payment_mode: CARD (the default), ticket_number (1-100),
 * print_on_terminal: ["SELLER_TICKET"]}. A Point intent is one PURCHASE (the
 * documents show no cash-out on a terminal).
 */
export const PointIntentBody = Type.Object(
  {
    ...common,
    operations: Type.Array(Type.Object({ type: Type.Literal('PURCHASE'), amount: Amount }, closed), { minItems: 1, maxItems: 1 }),
    enabler_configuration: Type.Optional(
      Type.Object(
        {
          device_payment_mode: Type.Optional(Type.Literal('CARD')),
          ticket_number: Type.Optional(Text({ minLength: 1, maxLength: 100 })),
          print_on_terminal: Type.Optional(Type.Array(Type.Literal('SELLER_TICKET'), { maxItems: 1 })),
        },
        closed,
      ),
    ),
  },
  closed,
);
export type PointIntentBody = Static<typeof PointIntentBody>;

export const IntegratorHeader = Type.Object({ 'x-integrator-id': Type.Optional(Text({ minLength: 1, maxLength: 100 })) });

export interface ParsedCommon {
  description: string;
  externalReference: string;
  sponsorId: number | null;
  operations: IntentOperation[];
}

type Problem = string;

const money = (currency: CurrencyCode) => (minor: number) => formatAmount(minor, getCurrency(currency)?.exponent ?? 2);

function amountOf(v: unknown, field: string, currency: CurrencyCode): Result<number, Problem> {
  const a = parseAmountIn(v, currency);
  return a.ok ? a : err(`${field}: ${a.error.message}`);
}

/**
 * Site limits of an operation's amount: seed 001 (MLB 1.00-70000.00, MLA
 * 5.00-4000000.00); MLM from the Point Integration API's limits (reference
 * §4.1); other sites: the yaml's Value Min "0.01" only (README fidelity).
 */
function withinSite(amount: number, site: SiteId, field: string): Problem | undefined {
  const limits = siteOf(site).intentLimits;
  if (!limits || (amount >= limits.min && amount <= limits.max)) return undefined;
  const m = money(siteOf(site).currency);
  return `${field} must be between ${m(limits.min)} and ${m(limits.max)} for ${site}`;
}

function parseItems(raw: QrIntentBody['operations'][number]['items'] & object, at: string, currency: CurrencyCode): Result<IntentItem[], Problem> {
  const out: IntentItem[] = [];
  for (const [n, it] of raw.entries()) {
    const f = `${at}.items[${n}]`;
    const unit = amountOf(it.unit_price, `${f}.unit_price`, currency);
    if (!unit.ok) return unit;
    const total = amountOf(it.total_amount, `${f}.total_amount`, currency);
    if (!total.ok) return total;
    // A careful integrator's total is unit_price × quantity; the documents do not say what Mercado Pago does with another one.
    if (unit.value * it.quantity !== total.value) return err(`${f}.total_amount must be unit_price × quantity (${money(currency)(unit.value * it.quantity)})`);
    out.push({ sku_number: it.sku_number, external_categories: it.external_categories, title: it.title, unit_price: unit.value, quantity: it.quantity, unit_measure: it.unit_measure, total_amount: total.value });
  }
  return ok(out);
}

/**
 * The operations' amounts: "if you provide the necessary information for the
 * item field ... the amount field will not be required. It will be calculated
 * based on the total_amount of each item" (seed 000); both sent: they must
 * agree. One PURCHASE, and at most one CASH_OUT beside it.
 */
export function parseOperations(raw: QrIntentBody['operations'], currency: CurrencyCode, site: SiteId): Result<IntentOperation[], Problem> {
  const ops: IntentOperation[] = [];
  for (const [n, o] of raw.entries()) {
    const at = `operations[${n}]`;
    if (raw.findIndex((x) => x.type === o.type) !== n) return err(`${at}.type: ${o.type} is sent twice (one operation of each type)`);
    let items: IntentItem[] | undefined;
    if (o.items) {
      if (o.type === 'CASH_OUT') return err(`${at}.items: a CASH_OUT carries no items`);
      const parsed = parseItems(o.items, at, currency);
      if (!parsed.ok) return parsed;
      items = parsed.value;
    }
    const fromItems = items?.reduce((s, i) => s + i.total_amount, 0);
    let amount: number;
    if (o.amount === undefined) {
      if (fromItems === undefined) return err(`${at}.amount is required when no items are sent`);
      amount = fromItems;
    } else {
      const a = amountOf(o.amount, `${at}.amount`, currency);
      if (!a.ok) return a;
      if (fromItems !== undefined && fromItems !== a.value) return err(`${at}.amount must equal the sum of its items' total_amount (${money(currency)(fromItems)})`);
      amount = a.value;
    }
    const limit = withinSite(amount, site, `${at}.amount`);
    if (limit) return err(limit);
    ops.push({ type: o.type, amount, ...(items ? { items } : {}) });
  }
  if (!ops.some((o) => o.type === 'PURCHASE')) return err('operations: a CASH_OUT goes with a PURCHASE');
  if (!Number.isSafeInteger(ops.reduce((s, o) => s + o.amount, 0))) return err('operations: the total amount is too large');
  return ok(ops);
}

export function parseCommon(b: Pick<QrIntentBody, 'description' | 'external_reference' | 'sponsor'> & { operations: QrIntentBody['operations'] }, site: SiteId): Result<ParsedCommon, Problem> {
  const ops = parseOperations(b.operations, siteOf(site).currency, site);
  if (!ops.ok) return ops;
  const sponsorId = b.sponsor === undefined ? null : Number(b.sponsor.id);
  if (sponsorId !== null && !Number.isSafeInteger(sponsorId)) return err('sponsor.id is too large');
  return ok({ description: b.description, externalReference: b.external_reference, sponsorId, operations: ops.value });
}

/** STATIC is the default (the yaml). */
export const qrModes = (b: QrIntentBody): QrPaymentMode[] => b.enabler_configuration?.qr_payment_mode ?? ['STATIC'];
