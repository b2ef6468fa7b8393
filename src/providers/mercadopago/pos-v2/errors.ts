import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { JsonSyntaxError } from '../../../http/json-parser.js';
import { fieldName, toIssues, type IssueLocation } from '../../../http/validation.js';

/**
 * POS v2's error list (supplement §3, the delete-POS reference), in the
 * {message, error, status, cause} envelope of Mercado Pago's REST APIs, the
 * documented code in `error`.
 */
export const POS_V2_ERRORS = {
  resource_bad_request_error: 400,
  bad_request: 400,
  idempotency_key_already_used: 400,
  unauthorized: 401,
  pos_not_found: 404,
  conflict: 409,
  internal_server_error: 500,
} as const;

export type PosV2Code = keyof typeof POS_V2_ERRORS;

export interface PosV2Cause {
  code: string;
  description: string;
}

export function posV2Body(code: PosV2Code, message: string, cause: PosV2Cause[] = []) {
  return { message, error: code, status: POS_V2_ERRORS[code], cause };
}

export function sendPosV2(reply: FastifyReply, code: PosV2Code, message: string, cause: PosV2Cause[] = []) {
  return reply.code(POS_V2_ERRORS[code]).send(posV2Body(code, message, cause));
}

export function posV2ErrorHandler(error: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (error.validation) {
    const location = (error.validationContext ?? 'body') as IssueLocation;
    const issues = toIssues(error.validation as never, location);
    if (location === 'params') return sendPosV2(reply, 'resource_bad_request_error', 'pos_id must be a number');
    const cause = issues.map((i) => ({ code: 'bad_request', description: i.message.startsWith(fieldName(i.path)) ? i.message : `${fieldName(i.path)}: ${i.message}` }));
    return sendPosV2(reply, 'bad_request', cause[0]?.description ?? 'bad request', cause);
  }
  if (error instanceof JsonSyntaxError) return sendPosV2(reply, 'bad_request', error.message);
  if (error.statusCode === 413) return sendPosV2(reply, 'bad_request', 'request body is too large');
  if (error.statusCode === 415) return sendPosV2(reply, 'bad_request', error.message);
  req.log.error({ err: error }, 'unhandled error');
  return sendPosV2(reply, 'internal_server_error', 'internal error');
}
