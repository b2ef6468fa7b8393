import type { HttpOutcome } from '../../../http/idempotency.js';
import { LEGACY_STATUS, legacyBody, type LegacyKind } from '../errors/legacy.js';
import type { FieldProblem } from '../fields/check.js';

/** The in-store APIs' errors in the legacy envelope, each with its documented cause code (supplement §5). */
export function instoreError(kind: LegacyKind, code: string, description: string, data: string | null = null): HttpOutcome {
  return { status: LEGACY_STATUS[kind], body: legacyBody(kind, description, [{ code, description, data }]) };
}

export const fieldError = (p: FieldProblem): HttpOutcome => instoreError('bad_request', p.code, p.message, p.field);

export const noOrder = (): HttpOutcome => instoreError('not_found', 'point_of_sale_in_store_order_not_found', 'No associated order found');

/** The attended model spells it invalid_collector_id; v2 and the dynamic model invalid_collectorId. */
export const wrongCollector = (code: 'invalid_collector_id' | 'invalid_collectorId', userId: string): HttpOutcome =>
  instoreError('bad_request', code, `The collector ${userId.slice(0, 32)} is not the owner of the access token`, 'user_id');

export const unknownPos = (field: string, id: string): HttpOutcome => instoreError('bad_request', 'invalid_externalPosId', `No point of sale ${id.slice(0, 64)} for this collector`, field);

export const badSponsor = (field: string): HttpOutcome => instoreError('bad_request', field === 'sponsor.id' ? 'invalid_sponsor.id' : 'invalid_sponsor_id', 'sponsor_id is not an active user', field);
