import { Type, type Static } from '@sinclair/typebox';
import { Text } from '../../../http/types.js';

/**
 * POST /point/integration-api/devices/{device_id}/payment-intents (reference
 * §4.1; the SDK's PaymentIntentRequest). Phase 2 registers the route; the
 * amount's site limits are checked by domain/terminals/intents.ts.
 */
export const PaymentIntentBody = Type.Object(
  {
    /** Integer cents. */
    amount: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
    description: Type.Optional(Text({ maxLength: 150 })),
    payment: Type.Optional(
      Type.Object(
        {
          installments: Type.Optional(Type.Integer({ minimum: 1, maximum: 72 })),
          type: Type.Optional(Type.Unsafe<'credit_card' | 'debit_card'>({ type: 'string', enum: ['credit_card', 'debit_card'] })),
          installments_cost: Type.Optional(Type.Unsafe<'seller' | 'buyer'>({ type: 'string', enum: ['seller', 'buyer'] })),
          voucher_type: Type.Optional(Text({ maxLength: 40 })),
        },
        { additionalProperties: false },
      ),
    ),
    additional_info: Type.Object(
      {
        external_reference: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' })),
        print_on_terminal: Type.Optional(Type.Boolean()),
        ticket_number: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9]{1,20}$' })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type PaymentIntentBody = Static<typeof PaymentIntentBody>;

export const IntentParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-f-]{36}$' }) });

/** GET /point/integration-api/payment-intents/events?startDate&endDate (yyyy-mm-dd, as the SDK names them). */
export const IntentEventsQuery = Type.Object({
  startDate: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  endDate: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
});
