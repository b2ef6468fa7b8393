import { Type, type Static } from '@sinclair/typebox';
import { Text } from '../../../http/types.js';

/**
 * POST /v1/orders (type qr), as the QR create-order reference and the QR
 * guides describe it (reference §1.3). Every object refuses unknown
 * properties (unsupported_properties). Amounts arrive as strings ("two
 * decimals or none") or numbers; their value is checked by validate.ts.
 */
const Amount = Type.Union([Type.String({ maxLength: 32 }), Type.Number()], { description: 'Decimal string, e.g. "50.00"' });
const closed = { additionalProperties: false } as const;

const Payment = Type.Object({ amount: Amount }, closed);
const CashOut = Type.Object(
  {
    amount: Amount,
    additional_info: Type.Optional(
      Type.Object(
        {
          external_cashier_id: Type.Optional(Type.Union([Type.Integer(), Text({ maxLength: 50 })])),
          fixed_amount: Type.Optional(Type.Boolean()),
          agency_type: Type.Optional(Type.Union([Type.Literal('AGTEC'), Type.Literal('AGTOT'), Type.Literal('AGPSS')])),
          bank_service_code: Type.Optional(Text({ maxLength: 30 })),
        },
        closed,
      ),
    ),
  },
  closed,
);

const Item = Type.Object(
  {
    title: Text({ minLength: 1, maxLength: 150 }),
    unit_price: Amount,
    quantity: Type.Integer({ minimum: 1, maximum: 999_999 }),
    unit_measure: Type.Optional(Text({ maxLength: 10 })),
    external_code: Type.Optional(Text({ maxLength: 30 })),
    external_categories: Type.Optional(Type.Array(Type.Object({ id: Text({ minLength: 1, maxLength: 50 }) }, closed), { maxItems: 10 })),
    description: Type.Optional(Text({ maxLength: 150 })),
  },
  closed,
);

const DiscountType = Type.Union(['account_money', 'credit_card', 'debit_card', 'prepaid_card'].map((t) => Type.Literal(t)));

export const CreateOrderBody = Type.Object(
  {
    type: Text({ minLength: 1, maxLength: 20, description: 'qr' }),
    external_reference: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'At most 64 of A-Z a-z 0-9 _ -' }),
    total_amount: Type.Optional(Amount),
    description: Type.Optional(Text({ maxLength: 150 })),
    expiration_time: Type.Optional(Text({ minLength: 1, maxLength: 40, description: 'ISO 8601 duration, PT30S to PT3600H; default PT15M' })),
    processing_mode: Type.Optional(Type.Literal('automatic')),
    marketplace_fee: Type.Optional(Amount),
    config: Type.Object(
      {
        qr: Type.Optional(
          Type.Object(
            {
              external_pos_id: Text({ minLength: 1, maxLength: 40 }),
              mode: Type.Optional(Type.Union([Type.Literal('static'), Type.Literal('dynamic'), Type.Literal('hybrid')])),
            },
            closed,
          ),
        ),
        // type point (supplement §1.1).
        point: Type.Optional(
          Type.Object(
            {
              terminal_id: Text({ minLength: 1, maxLength: 60 }),
              print_on_terminal: Type.Optional(Type.Union([Type.Literal('seller_ticket'), Type.Literal('no_ticket')])),
              ticket_number: Type.Optional(Text({ minLength: 1, maxLength: 40 })),
            },
            closed,
          ),
        ),
        payment_method: Type.Optional(
          Type.Object(
            {
              default_type: Type.Optional(Type.Union([Type.Literal('credit_card'), Type.Literal('debit_card')])),
              default_installments: Type.Optional(Type.String({ pattern: '^([1-9]|[1-6][0-9]|72)$', description: 'As a string, e.g. "6"' })),
              installments_cost: Type.Optional(Type.Union([Type.Literal('seller'), Type.Literal('buyer')])),
            },
            closed,
          ),
        ),
      },
      { ...closed, minProperties: 1 },
    ),
    transactions: Type.Object(
      {
        // "Exactly one payment transaction per order."
        payments: Type.Optional(Type.Array(Payment, { minItems: 1, maxItems: 1 })),
        cash_outs: Type.Optional(Type.Array(CashOut, { minItems: 1, maxItems: 1 })),
      },
      { ...closed, minProperties: 1 },
    ),
    items: Type.Optional(Type.Array(Item, { maxItems: 10 })),
    discounts: Type.Optional(
      Type.Object({ payment_methods: Type.Array(Type.Object({ type: DiscountType, new_total_amount: Amount }, closed), { minItems: 1, maxItems: 4 }) }, closed),
    ),
    integration_data: Type.Optional(
      Type.Object(
        {
          platform_id: Type.Optional(Text({ minLength: 1, maxLength: 50 })),
          integrator_id: Type.Optional(Type.String({ pattern: '^dev_[A-Za-z0-9_-]{1,46}$', description: 'Starts with dev_' })),
          sponsor: Type.Optional(Type.Object({ id: Type.Union([Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }), Type.String({ pattern: '^[0-9]{1,15}$' })]) }, closed)),
        },
        closed,
      ),
    ),
  },
  closed,
);
export type CreateOrderBody = Static<typeof CreateOrderBody>;

// "Must begin with ORD and be followed by 26 characters": the guides' own examples use letters outside Crockford's alphabet.
export const OrderParams = Type.Object({ order_id: Type.String({ pattern: '^ORD[0-9A-Z]{26}$' }) });

/** A partial refund; a total refund has no body at all (or a JSON null). */
export const RefundBody = Type.Object(
  {
    transactions: Type.Array(Type.Object({ id: Text({ minLength: 1, maxLength: 40 }), amount: Amount }, closed), { minItems: 1, maxItems: 10 }),
  },
  closed,
);
export type RefundBody = Static<typeof RefundBody>;

export const SearchQuery = Type.Object({
  begin_date: Text({ minLength: 1, maxLength: 40, description: 'RFC 3339' }),
  end_date: Text({ minLength: 1, maxLength: 40, description: 'RFC 3339; at most 30 days after begin_date' }),
  external_reference: Type.Optional(Text({ maxLength: 64 })),
  type: Type.Optional(Text({ maxLength: 20 })),
  status: Type.Optional(Text({ maxLength: 30 })),
  status_detail: Type.Optional(Text({ maxLength: 40 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
  sort_by: Type.Optional(Type.Literal('created_date')),
  sort_order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  access_token: Type.Optional(Type.String()),
});
