import type { Result } from '../../core/result.js';
import type { Tx } from '../../store/db.js';
import { machine, type WrongStatus } from '../lifecycle/machine.js';
import { move, type MoveStep } from '../lifecycle/move.js';
import { INTENT_MOVES, type IntentState, type PaymentIntent } from '../terminals/intents.js';
import { saveIntent } from './records.js';

/** The counter family of the Point Integration API's intents (open_charges.family, payments.family). */
export const POINT_INTENT_FAMILY = 'mp_point_intent';

/** The payment intent's machine (reference §4.1; the allow-list in domain/terminals/intents.ts). */
export const INTENT_MACHINE = machine<IntentState>('point_intent', INTENT_MOVES);

/** "Final status of a payment intent when it hasn't been processed after a certain time" (glossary): caja's time is one hour, as the Instore API's intents (supplement §4). */
export const INTENT_ABANDON_MS = 60 * 60 * 1000;

/** Moves an intent along `path` (each step allowed, one history row each), compare-and-set on its version. */
export function moveIntent(tx: Tx, i: PaymentIntent, path: ReadonlyArray<MoveStep<IntentState>> | IntentState, now: number, next: (i: PaymentIntent) => PaymentIntent = (x) => x): Promise<Result<PaymentIntent, WrongStatus<IntentState>>> {
  const steps = typeof path === 'string' ? [{ status: path }] : path;
  return move(tx, INTENT_MACHINE, i, steps, (x) => ({ ...next(x), updated_at: now }), { at: now, save: (n, expected) => saveIntent(tx.ex, n, expected) });
}
