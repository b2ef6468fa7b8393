import { hash } from 'node:crypto';
import type { Store, Tx } from '../store/db.js';
import { deleteKey, findKey, IDEMPOTENCY_RETENTION_MS, insertKey } from '../store/repos/idempotency.js';

export interface IdempotentCall {
  key: string;
  /** Identifies the request: method, path and canonical body. */
  fingerprint: string;
  /**
   * The seller whose key it is and its clock (ms); read after the command ran, so a command that
   * reads its own seller (the edge's `sellerInRead`) names it then. Undefined when the command
   * found no seller (it refused the token): there is no key to look up or store.
   */
  owner(): { sellerId: number; now: number } | undefined;
}

/** `IdempotentCall.owner` for a seller known before the command runs. */
export const ownedBy = (sellerId: number, now: number) => () => ({ sellerId, now });

export interface HttpOutcome {
  status: number;
  body: unknown;
}

/**
 * `json` is the stored answer's body as JSON text, present when the answer was
 * stored (2xx): an edge may send it as it is instead of serializing the body again.
 */
export type IdempotentResult =
  | { kind: 'fresh'; outcome: HttpOutcome; json?: string }
  | { kind: 'replay'; outcome: HttpOutcome; json: string }
  | { kind: 'key_reused' };

class Refused extends Error {
  constructor(readonly outcome: HttpOutcome) {
    super('refused');
  }
}

/** Canonical JSON (sorted keys) so formatting differences do not make a retry a different request. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

export function fingerprint(method: string, path: string, body: unknown): string {
  return hash('sha256', `${method} ${path}\n${canonical(body ?? null)}`, 'hex');
}

/**
 * The HTTP edge's transaction: one command, one transaction. A refused
 * request (non-2xx) rolls back whatever the command wrote, so nothing is
 * stored; commands take the transaction and never open their own.
 */
export async function inTransaction(store: Store, command: (tx: Tx) => Promise<HttpOutcome>): Promise<HttpOutcome> {
  try {
    return await store.transaction(async (tx) => {
      const outcome = await command(tx);
      if (outcome.status < 200 || outcome.status > 299) throw new Refused(outcome);
      return outcome;
    });
  } catch (e) {
    if (e instanceof Refused) return e.outcome;
    throw e;
  }
}

/**
 * Runs a command once per key. The key row, the command's effects (state,
 * outbox events) and the stored response commit in one transaction. Only
 * successful (2xx) outcomes are kept: a refused request rolls back entirely,
 * so nothing is stored and the same key may be used again once fixed.
 *
 * Optimistic, on both databases: the command runs first and the key is
 * inserted at the end (a deferred write: on PostgreSQL it goes with the
 * COMMIT, so a fresh key costs no round trip of its own). A key already
 * taken fails that insert (its primary key); a duplicate in flight makes it
 * wait for the first transaction and then fail. Whenever the command did not
 * commit (refused, failed, or its key insert refused), the key is looked up:
 * a stored answer within retention wins whatever this run did (the replay,
 * or key_reused for a different request), and the run's writes were rolled
 * back. A stored answer past retention frees the key: the command runs again,
 * deleting it first.
 */
export async function idempotent(store: Store, call: IdempotentCall, command: (tx: Tx) => Promise<HttpOutcome>): Promise<IdempotentResult> {
  for (let expired: { sellerId: number; before: number } | undefined; ; ) {
    let failure: { refused: HttpOutcome } | { error: unknown };
    try {
      return await store.transaction(async (tx) => {
        if (expired) await deleteKey(tx.ex, expired.sellerId, call.key, expired.before);
        const outcome = await command(tx);
        if (outcome.status < 200 || outcome.status > 299) throw new Refused(outcome);
        const owner = call.owner();
        if (!owner) throw new Error('idempotent: a command answered 2xx without its seller');
        const body = JSON.stringify(outcome.body);
        await insertKey(tx.ex, { seller_id: owner.sellerId, idem_key: call.key, fingerprint: call.fingerprint, status_code: outcome.status, response_body: body, created_at: owner.now });
        return { kind: 'fresh', outcome, json: body } as const;
      });
    } catch (e) {
      failure = e instanceof Refused ? { refused: e.outcome } : { error: e };
    }
    const owner = call.owner();
    if (!owner) {
      if ('refused' in failure) return { kind: 'fresh', outcome: failure.refused };
      throw failure.error;
    }
    const known = await findKey(store.db, owner.sellerId, call.key);
    if (known && known.created_at >= owner.now - IDEMPOTENCY_RETENTION_MS) {
      if (known.fingerprint !== call.fingerprint) return { kind: 'key_reused' };
      return { kind: 'replay', outcome: { status: known.status_code, body: JSON.parse(known.response_body) as unknown }, json: known.response_body };
    }
    // Past retention, the key is free again: its old row refused this run's insert, so run again without it.
    if (known && !expired && !('refused' in failure)) {
      expired = { sellerId: owner.sellerId, before: owner.now - IDEMPOTENCY_RETENTION_MS };
      continue;
    }
    if ('refused' in failure) return { kind: 'fresh', outcome: failure.refused };
    throw failure.error;
  }
}
