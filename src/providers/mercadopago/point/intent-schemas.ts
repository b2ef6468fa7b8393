import { Type, type Static } from '@sinclair/typebox';
import { Text } from '../../../http/types.js';

/**
 * POST /point/integration-api/devices/{device_id}/payment-intents (reference
 * §4.1; the SDK's PaymentIntentRequest, where additional_info is optional, as
 * in the MLB reference). The amount's site limits are checked by
 * domain/terminals/intents.ts.
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
    additional_info: Type.Optional(
      Type.Object(
        {
          // "a maximum of 64 characters ... numbers, letters, hyphens (-), and underscores (_)" (MLB reference).
          external_reference: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' })),
          print_on_terminal: Type.Optional(Type.Boolean()),
          ticket_number: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9]{1,20}$' })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type PaymentIntentBody = Static<typeof PaymentIntentBody>;

export const IntentId = Type.String({ pattern: '^[0-9a-f-]{36}$' });
export const IntentParams = Type.Object({ id: IntentId });

/** GET /point/integration-api/payment-intents/events?startDate&endDate (yyyy-mm-dd, as the SDK names them). */
export const IntentEventsQuery = Type.Object({
  startDate: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Initial date (YYYY-MM-DD)' }),
  endDate: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'End date (YYYY-MM-DD), at most 30 days after startDate' }),
});

const State = Type.String({ description: 'OPEN, ON_TERMINAL, PROCESSING, PROCESSED, FINISHED, CONFIRMATION_REQUIRED, CANCELED, ERROR or ABANDONED' });

/** The intent as POST and GET print it. */
export const IntentResponse = Type.Object({
  id: Type.String(),
  device_id: Type.String(),
  amount: Type.Integer(),
  description: Type.Optional(Type.String()),
  payment: Type.Optional(
    Type.Object({
      id: Type.Optional(Type.String()),
      installments: Type.Optional(Type.Integer()),
      type: Type.Optional(Type.String()),
      installments_cost: Type.Optional(Type.String()),
      voucher_type: Type.Optional(Type.String()),
    }),
  ),
  additional_info: Type.Object({ external_reference: Type.Optional(Type.String()), print_on_terminal: Type.Optional(Type.Boolean()), ticket_number: Type.Optional(Type.String()) }),
  state: State,
});
export const CanceledIntent = Type.Object({ id: Type.String() });
export const LastState = Type.Object({ status: State, created_on: Type.String() });
export const IntentEvents = Type.Object({ events: Type.Array(Type.Object({ payment_intent_id: Type.String(), status: State, created_on: Type.String() })) });
