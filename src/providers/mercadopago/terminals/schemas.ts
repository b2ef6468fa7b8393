import { Type, type Static } from '@sinclair/typebox';
import { OPERATING_MODES, TERMINAL_ID_PATTERN, type OperatingMode as Mode } from '../../../domain/terminals/terminal.js';

export const NumericIdText = Type.String({ pattern: '^[0-9]{1,15}$' });

/** GET /terminals/v1/list: limit 1-50 (default 50), offset, store_id, pos_id. */
export const TerminalListQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 50, default: 50 }),
  offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  store_id: Type.Optional(NumericIdText),
  pos_id: Type.Optional(NumericIdText),
});
export type TerminalListQuery = Static<typeof TerminalListQuery>;

export const TerminalId = Type.String({ pattern: TERMINAL_ID_PATTERN, maxLength: 60 });
export const OperatingMode = Type.Unsafe<Mode>({ type: 'string', enum: [...OPERATING_MODES] });

/** PATCH /terminals/v1/setup: exactly one terminal per request. */
export const TerminalSetupBody = Type.Object(
  {
    terminals: Type.Array(Type.Object({ id: TerminalId, operating_mode: OperatingMode }, { additionalProperties: false }), { minItems: 1, maxItems: 1 }),
  },
  { additionalProperties: false },
);
export type TerminalSetupBody = Static<typeof TerminalSetupBody>;
