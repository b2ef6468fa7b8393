import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { Answer, Answers } from '../../../http/answers.js';
import type { HttpOutcome } from '../../../http/idempotency.js';
import { JsonSyntaxError } from '../../../http/json-parser.js';
import { clip } from '../../../http/limits.js';
import { toIssues, type IssueLocation } from '../../../http/validation.js';
import { legacyError } from '../errors/answers.js';

/**
 * The Instore API's errors (supplement §4; the yaml at
 * mercadopago/devsite-docs reference/api/instore_api_mla.yaml): every
 * documented failure is an object with an `errorKey`, listed as
 * "<status>-- <errorKey> - <message>" (400 bad_request, 401 Unauthorized,
 * 404 pos_not_found | not_found, 409 Conflict, 500). The yaml shows no other
 * field; caja adds `message` (naming the field) and `status`.
 */
export type IntentErrorKey = 'bad_request' | 'Unauthorized' | 'pos_not_found' | 'not_found' | 'Conflict' | 'payload_too_large' | 'unsupported_media_type' | 'internal_error';

const STATUS: Record<IntentErrorKey, number> = {
  bad_request: 400,
  Unauthorized: 401,
  pos_not_found: 404,
  not_found: 404,
  Conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal_error: 500,
};

export interface IntentErrorBody {
  errorKey: IntentErrorKey;
  message: string;
  status: number;
}

export const intentError = (errorKey: IntentErrorKey, message: string): HttpOutcome => ({ status: STATUS[errorKey], body: { errorKey, message, status: STATUS[errorKey] } satisfies IntentErrorBody });
export const sendIntentError = (reply: FastifyReply, errorKey: IntentErrorKey, message: string) => {
  const o = intentError(errorKey, message);
  return reply.code(o.status).send(o.body);
};

/** The yaml's messages, with the ids filled in (clipped: they come from the URL). */
export const posNotFound = (externalId: string) => intentError('pos_not_found', `Point of sale with externalId ${clip(externalId, 64)} is not found`);
export const registerNotFound = () => intentError('not_found', 'Register not found');
export const intentNotFound = (id: string) => intentError('not_found', `Not found The intent ${clip(id, 64)} doesn't exist!`);
export const queuedIntent = () => intentError('Conflict', 'There is already a queued intent for the device');
/** DELETE of an intent past OPENED: the yaml cancels "an intent that is in the OPENED status"; the answer for any other is caja's (README fidelity). */
export const notOpened = (id: string, status: string) =>
  intentError('Conflict', `The intent ${clip(id, 64)} is ${status}: only an OPENED intent can be canceled${status === 'ON_TERMINAL' || status === 'PROCESSING' ? '; cancel it on the Point device' : ''}`);

/** Request problems (validation, malformed JSON, size, media type) in the Instore envelope; anything else is a bug. */
export function intentsErrorHandler(error: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (error.validation) {
    const issues = toIssues(error.validation as never, (error.validationContext ?? 'body') as IssueLocation);
    return sendIntentError(reply, 'bad_request', issues.map((i) => i.message).join('; '));
  }
  if (error instanceof JsonSyntaxError) return sendIntentError(reply, 'bad_request', clip(error.message, 200));
  if (error.statusCode === 413) return sendIntentError(reply, 'payload_too_large', 'request body is too large');
  if (error.statusCode === 415) return sendIntentError(reply, 'unsupported_media_type', clip(error.message, 200));
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return sendIntentError(reply, 'bad_request', clip(error.message, 200));
  req.log.error({ err: error }, 'unhandled error');
  return sendIntentError(reply, 'internal_error', 'Internal server error');
}

export const IntentErrorSchema = Type.Object({ errorKey: Type.String(), message: Type.String(), status: Type.Integer() });

const answer = (description: string, errorKey: IntentErrorKey, message: string): Answer => ({ description, schema: IntentErrorSchema, example: { errorKey, message, status: STATUS[errorKey] } });

export const INTENT_ANSWERS = {
  400: answer('Invalid body: the message names each field (bad_request)', 'bad_request', 'operations[0].type must be one of ["PURCHASE","CASH_OUT"]'),
  401: answer('Missing or invalid access token', 'Unauthorized', 'Access Token is invalid'),
  posNotFound: answer('No POS with that external_id (pos_not_found)', 'pos_not_found', 'Point of sale with externalId SUC001POS001 is not found'),
  notFound: answer('No such intent of this seller (not_found)', 'not_found', 'Register not found'),
  409: answer('Conflict (the intent is not OPENED, or the terminal already has a queued intent)', 'Conflict', 'There is already a queued intent for the device'),
  413: answer('Request body over 1 MiB', 'payload_too_large', 'request body is too large'),
  415: answer('Content-Type is not application/json', 'unsupported_media_type', 'Unsupported Media Type: text/plain'),
} as const;

/** What every intents route can answer besides its own: 400 (a bad path or body), 401, 413, 415, and 429 (the shared rate limit, in the legacy envelope). */
export function intentErrors(extra: Answers = {}): Answers {
  return { 400: INTENT_ANSWERS[400], 401: INTENT_ANSWERS[401], 413: INTENT_ANSWERS[413], 415: INTENT_ANSWERS[415], 429: legacyError(429), ...extra };
}
