import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { JsonSyntaxError } from '../../http/json-parser.js';
import { validationMessages } from './validation.js';
import { clip } from '../../http/limits.js';

/**
 * Depay's envelope, {statusCode, message}: message is a string, or an array
 * of sentences for validation (seed 004 and reference §5.4; the shape of a
 * NestJS API). One closed vocabulary, each kind with its status.
 */
export const DEPAY_ERRORS = {
  unauthorized: [401, 'Unauthorized'],
  forbidden: [403, 'Forbidden resource'],
  order_not_found: [404, 'ORDER_NOT_FOUND'],
  conflict: [409, 'Conflict error'],
  already_canceled: [409, 'The order has already been canceled.'],
  totally_refunded: [409, 'The order is totally refunded.'],
  payload_too_large: [413, 'Payload Too Large'],
  unsupported_media_type: [415, 'Unsupported Media Type'],
  internal: [500, 'Internal server error'],
} as const satisfies Record<string, readonly [number, string]>;

export type DepayErrorKind = keyof typeof DEPAY_ERRORS;

export function sendDepay(reply: FastifyReply, status: number, message: string | string[]): FastifyReply {
  return reply.code(status).send({ statusCode: status, message });
}

export function sendDepayError(reply: FastifyReply, kind: DepayErrorKind): FastifyReply {
  const [status, message] = DEPAY_ERRORS[kind];
  return sendDepay(reply, status, message);
}

export const badRequest = (reply: FastifyReply, messages: string[]) => sendDepay(reply, 400, messages);

/** caja's wording where Depay documents none (docs/depay.md): a 409 naming the status that refuses. */
export const wrongStatus = (reply: FastifyReply, action: 'canceled' | 'refunded', status: string) =>
  sendDepay(reply, 409, `The order cannot be ${action} because its status is ${status}.`);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Checks that need more than one field (decimals per currency), listed with the schema's problems. */
    depayExtraProblems?: (body: unknown) => string[];
  }
}

/** Request problems in Depay's envelope; anything else is a bug, logged, and still answered in the envelope. */
export function depayErrorHandler(error: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (error.validation) {
    const messages = validationMessages(error.validation, error.validationContext ?? 'body', req);
    if (error.validationContext === 'body' || error.validationContext === undefined) {
      const extra = req.routeOptions.config.depayExtraProblems?.(req.body) ?? [];
      const flagged = new Set(messages.map((m) => m.split(' ')[0]));
      messages.push(...extra.filter((m) => !flagged.has(m.split(' ')[0])));
    }
    return badRequest(reply, messages);
  }
  if (error instanceof JsonSyntaxError) return sendDepay(reply, 400, error.message);
  if (error.statusCode === 413) return sendDepayError(reply, 'payload_too_large');
  if (error.statusCode === 415) return sendDepayError(reply, 'unsupported_media_type');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return sendDepay(reply, error.statusCode, clip(error.message, 200));
  req.log.error({ err: error }, 'unhandled error');
  return sendDepayError(reply, 'internal');
}

/** NestJS's answer to an unknown route. */
export function depayNotFound(req: FastifyRequest, reply: FastifyReply) {
  return sendDepay(reply, 404, `Cannot ${req.method} ${clip(req.url.split('?')[0]!, 200)}`);
}
