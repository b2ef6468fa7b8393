import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { fieldName, isMore, toIssues, type Issue, type IssueLocation } from '../../../http/validation.js';
import { JsonSyntaxError } from '../../../http/json-parser.js';
import { clip } from '../../../http/limits.js';

/**
 * The envelope of Mercado Pago's older APIs (Stores, POS, Payments,
 * merchant_orders): {message, error, status, cause:[{code, description, data}]}.
 * The official SDK reads exactly `message`, `error` and `cause`. caja's own
 * sandbox endpoints use it too. One closed list of kinds, one status each.
 */
export const LEGACY_STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  internal_error: 500,
} as const;

export type LegacyKind = keyof typeof LEGACY_STATUS;

export interface LegacyCause {
  /** A string code (Stores, POS, sandbox) or a number (Payments: 2000 "Payment not found"). */
  code: string | number;
  description: string;
  data: string | null;
}

export interface LegacyBody {
  message: string;
  error: LegacyKind;
  status: number;
  cause: LegacyCause[];
}

export function legacyBody(kind: LegacyKind, message: string, cause: LegacyCause[] = []): LegacyBody {
  return { message, error: kind, status: LEGACY_STATUS[kind], cause };
}

export function sendLegacy(reply: FastifyReply, kind: LegacyKind, message: string, cause: LegacyCause[] = []): FastifyReply {
  return reply.code(LEGACY_STATUS[kind]).send(legacyBody(kind, message, cause));
}

/** A single-cause error: the common case of a business rule refusing a request. */
export function sendLegacyCause(reply: FastifyReply, kind: LegacyKind, code: string, description: string, data: string | null = null) {
  return sendLegacy(reply, kind, description, [{ code, description, data }]);
}

export function issuesToCauses(issues: Issue[]): LegacyCause[] {
  // The closing "and N more problems" of a capped list names no field.
  return issues.map((i) => ({ code: i.code ?? 'bad_request', description: i.message, data: isMore(i) ? null : fieldName(i.path) }));
}

/** Renders request problems (validation, bad JSON, size) in the legacy envelope; anything else is a bug. */
export function legacyErrorHandler(error: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (error.validation) {
    const issues = toIssues(error.validation as never, (error.validationContext ?? 'body') as IssueLocation);
    return sendLegacy(reply, 'bad_request', issues[0]?.message ?? 'bad request', issuesToCauses(issues));
  }
  if (error instanceof JsonSyntaxError) return sendLegacyCause(reply, 'bad_request', 'json_syntax_error', error.message);
  if (error.statusCode === 413) return sendLegacy(reply, 'payload_too_large', 'request body is too large');
  if (error.statusCode === 415) return sendLegacy(reply, 'unsupported_media_type', clip(error.message, 200));
  // Any other request problem Fastify finds (a Content-Length that lies, ...) is the client's.
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return sendLegacy(reply, 'bad_request', clip(error.message, 200));
  req.log.error({ err: error }, 'unhandled error');
  return sendLegacy(reply, 'internal_error', 'internal error');
}
