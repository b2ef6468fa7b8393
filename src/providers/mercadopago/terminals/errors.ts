import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { JsonSyntaxError } from '../../../http/json-parser.js';
import { fieldName, toIssues, type Issue, type IssueLocation } from '../../../http/validation.js';

/**
 * The terminals API's closed error list (supplement §2.1, §2.2), rendered in
 * the envelope of its generation of APIs, the Orders one:
 * {"errors":[{"code","message","details":[...]}]}. The 412 has no documented
 * code, only its message; caja names it `precondition_failed`.
 */
export const TERMINAL_ERRORS = {
  unsupported_site: [400, 'Unsupported site: only AR, BR, CL and MX'],
  unsupported_properties: [400, 'Unsupported properties'],
  required_properties: [400, 'Missing required properties'],
  property_value: [400, 'Invalid property value'],
  invalid_payload: [400, 'Invalid payload'],
  unauthorized: [401, 'Unauthorized'],
  terminal_not_allowed_action: [403, 'Terminal not allowed to perform this action'],
  store_pos_not_found: [403, 'Store or POS not found'],
  not_found: [404, 'Terminal not found'],
  precondition_failed: [412, 'Only one pos-store with PDV mode ON or SUSPENDED is allowed'],
  internal_error: [500, 'Internal server error'],
} as const;

export type TerminalErrorCode = keyof typeof TERMINAL_ERRORS;

export interface TerminalApiError {
  code: TerminalErrorCode;
  details?: string[];
}

export function sendTerminals(reply: FastifyReply, ...errors: TerminalApiError[]) {
  const body = { errors: errors.map((e) => ({ code: e.code, message: TERMINAL_ERRORS[e.code][1], details: e.details ?? [] })) };
  return reply.code(TERMINAL_ERRORS[errors[0]!.code][0]).send(body);
}

function codeOf(i: Issue): TerminalErrorCode {
  switch (i.keyword) {
    case 'required':
      return 'required_properties';
    case 'additionalProperties':
      return 'unsupported_properties';
    case 'enum':
    case 'const':
    case 'pattern':
    case 'anyOf':
    case 'minimum':
    case 'maximum':
    case 'maxLength':
    case 'minLength':
      return 'property_value';
    default:
      return i.location === 'body' ? 'invalid_payload' : 'property_value';
  }
}

/** One error per code, each naming its fields. */
export function issuesToTerminalErrors(issues: Issue[]): TerminalApiError[] {
  const groups = new Map<TerminalErrorCode, string[]>();
  for (const i of issues) {
    const code = codeOf(i);
    const detail = i.message.startsWith(fieldName(i.path)) ? i.message : `${fieldName(i.path)}: ${i.message}`;
    groups.set(code, [...(groups.get(code) ?? []), detail]);
  }
  return [...groups].map(([code, details]) => ({ code, details }));
}

export function terminalsErrorHandler(error: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (error.validation) {
    return sendTerminals(reply, ...issuesToTerminalErrors(toIssues(error.validation as never, (error.validationContext ?? 'body') as IssueLocation)));
  }
  if (error instanceof JsonSyntaxError) return sendTerminals(reply, { code: 'invalid_payload', details: [error.message] });
  if (error.statusCode === 413) return sendTerminals(reply, { code: 'invalid_payload', details: ['request body is too large'] });
  if (error.statusCode === 415) return sendTerminals(reply, { code: 'invalid_payload', details: [error.message] });
  req.log.error({ err: error }, 'unhandled error');
  return sendTerminals(reply, { code: 'internal_error' });
}
