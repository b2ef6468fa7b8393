import { Type } from '@sinclair/typebox';
import type { Answer, Answers } from '../../../http/answers.js';
import { LEGACY_STATUS, legacyBody, type LegacyKind } from './legacy.js';

/** The {message,error,status,cause} envelope, as every Stores, POS, Users and sandbox refusal prints it. */
export const LegacyError = Type.Object({
  message: Type.String(),
  error: Type.String(),
  status: Type.Integer(),
  cause: Type.Array(Type.Object({ code: Type.Union([Type.String(), Type.Integer()]), description: Type.String(), data: Type.Union([Type.String(), Type.Null()]) })),
});

const KIND_OF: Record<number, LegacyKind> = Object.fromEntries(Object.entries(LEGACY_STATUS).map(([k, v]) => [v, k as LegacyKind]));

const DEFAULTS: Record<number, [string, string, string]> = {
  400: ['Invalid request: each problem is a cause naming its field', 'INVALID_NAME', 'name'],
  401: ['Missing or invalid access token', '', ''],
  404: ['Not found', '', ''],
  409: ['Conflict with the current state', '', ''],
  413: ['Request body over 1 MiB', '', ''],
  415: ['Content-Type is not application/json', '', ''],
  429: ['Too many requests for this token (CAJA_RATE_LIMIT); Retry-After says when to retry', '', ''],
};

/** One legacy refusal: description and a real example (the first cause code given, or the status's usual one). */
export function legacyError(status: number, description?: string, cause?: { code: string | number; description: string; data: string | null }): Answer {
  const [defaultDescription, code, data] = DEFAULTS[status] ?? ['Refused', '', ''];
  const text = description ?? defaultDescription;
  const c = cause ?? (code ? { code, description: 'name must NOT have more than 100 characters', data } : undefined);
  return { description: text, schema: LegacyError, example: legacyBody(KIND_OF[status] ?? 'bad_request', c?.description ?? text, c ? [c] : []) };
}

/**
 * What every authenticated legacy route can answer besides its own: 400 (validation,
 * malformed JSON), 401 (token), 413 and 415 (body), 429 (the per-token rate limit). Pass route-specific refusals in `extra`.
 */
export function legacyErrors(extra: Answers = {}): Answers {
  return { 400: legacyError(400), 401: legacyError(401), 413: legacyError(413), 415: legacyError(415), 429: legacyError(429), ...extra };
}

/**
 * A read (GET, no body): 400 only when it validates a path or query (`validated`),
 * 401 (token), 429 (rate limit); never 413 or 415. Pass route-specific refusals in `extra`.
 */
export function legacyReadErrors(extra: Answers = {}, validated = true): Answers {
  return { ...(validated ? { 400: legacyError(400, 'A path or query value refused (each problem a cause naming it)', { code: 'bad_request', description: 'limit must be <= 100', data: 'limit' }) } : ({} as Answers)), 401: legacyError(401), 429: legacyError(429), ...extra };
}
