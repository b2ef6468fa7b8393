import { Type } from '@sinclair/typebox';
import type { Answer, Answers } from '../../../http/answers.js';
import { legacyError } from '../errors/answers.js';
import { TERMINAL_ERRORS, type TerminalErrorCode } from './errors.js';

/** The terminals API's answers for the OpenAPI document (supplement §2.1, §2.2). */
const Mode = Type.Union([Type.Literal('PDV'), Type.Literal('STANDALONE'), Type.Literal('UNDEFINED')]);

export const TerminalObject = Type.Object({ id: Type.String(), pos_id: Type.Integer({ description: 'A number, as the reference types it' }), store_id: Type.String(), external_pos_id: Type.String(), operating_mode: Mode });
export const TerminalPage = Type.Object({ data: Type.Object({ terminals: Type.Array(TerminalObject) }), paging: Type.Object({ total: Type.Integer(), offset: Type.Integer(), limit: Type.Integer() }) });
export const TerminalSetup = Type.Object({ terminals: Type.Array(Type.Object({ id: Type.String(), operating_mode: Mode })) });

// Supplement §2.1 and §2.2, as printed.
export const TERMINAL_PAGE_EXAMPLE = { data: { terminals: [{ id: 'NEWLAND_N950__SBX0000001', pos_id: 47792476, store_id: '47792478', external_pos_id: 'SUC0101POS', operating_mode: 'PDV' }] }, paging: { total: 1, offset: 0, limit: 50 } };
export const TERMINAL_SETUP_EXAMPLE = { terminals: [{ id: 'NEWLAND_N950__SBX0000001', operating_mode: 'PDV' }] };

const ErrorsBody = Type.Object({ errors: Type.Array(Type.Object({ code: Type.String(), message: Type.String(), details: Type.Array(Type.String()) }), { minItems: 1 }) });

/** The refusals of the codes given (grouped by status, the first code of a status as the example), with 401 and the rate limit. */
export function terminalErrors(...codes: TerminalErrorCode[]): Answers {
  const out: Answers = {};
  for (const code of ['unauthorized', ...codes] as TerminalErrorCode[]) {
    const [status, message] = TERMINAL_ERRORS[code];
    const known = out[status];
    out[status] = known
      ? { ...known, description: `${known.description}, ${code}` }
      : ({ description: `Refused: ${code}`, schema: ErrorsBody, example: { errors: [{ code, message, details: [] }] } } satisfies Answer);
  }
  return { ...out, 429: legacyError(429) };
}
