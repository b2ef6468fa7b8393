import { err, ok, type Result } from '../../core/result.js';
import { ConcurrencyConflict, type Tx } from '../../store/db.js';
import { insertStatusHistory, type StatusHistoryRow } from '../../store/repos/status-history.js';
import { canWalk, type Machine, type WrongStatus } from './machine.js';

/** What every movable aggregate has: a status from its machine and a version for compare-and-set. */
export interface Versioned<S extends string> {
  id: string;
  status: S;
  version: number;
}

export interface MoveStep<S extends string> {
  status: S;
  /** The status_detail (Mercado Pago) or reason (Depay) the step was taken with. */
  detail?: string | null;
}

export interface MoveOptions<A> {
  /** The seller's clock, ms. */
  at: number;
  /**
   * Writes the moved aggregate if its stored version is still `expected`;
   * false when somebody moved it meanwhile (the transaction is then retried).
   */
  save(next: A, expected: number): Promise<boolean>;
  /** Where the history goes; default the shared `status_history` table. */
  history?: (rows: StatusHistoryRow[]) => Promise<void>;
}

/**
 * The one way an aggregate changes status, for every family: the machine's
 * allow-list for each step of the path, a compare-and-set on the version read
 * with the aggregate, and one history row per step, in the caller's
 * transaction. A refused transition is a value; losing the race throws
 * ConcurrencyConflict so the store retries the whole command on fresh state,
 * which then reads the winner's status and decides again.
 */
export async function move<S extends string, A extends Versioned<S>>(
  tx: Tx,
  m: Machine<S>,
  aggregate: A,
  path: ReadonlyArray<MoveStep<S>>,
  next: (a: A) => A,
  opts: MoveOptions<A>,
): Promise<Result<A, WrongStatus<S>>> {
  if (!canWalk(m, aggregate.status, path.map((p) => p.status))) return err({ code: 'wrong_status', status: aggregate.status });
  const moved = { ...next(aggregate), status: path[path.length - 1]!.status, version: aggregate.version + path.length };
  if (!(await opts.save(moved, aggregate.version))) throw new ConcurrencyConflict(`${m.name} ${aggregate.id}`);
  const rows = path.map((p, i) => ({
    aggregate: m.name,
    aggregate_id: aggregate.id,
    seq: aggregate.version + i + 1,
    status: p.status,
    detail: p.detail ?? null,
    created_at: opts.at,
  }));
  await (opts.history ?? ((r) => insertStatusHistory(tx.ex, r)))(rows);
  return ok(moved);
}

/** A change that is not a status change (a refund reserved, a field set) still bumps the version, so it races safely too. */
export async function bump<A extends { id: string; version: number }>(name: string, aggregate: A, next: (a: A) => A, save: (next: A, expected: number) => Promise<boolean>): Promise<A> {
  const moved = { ...next(aggregate), version: aggregate.version + 1 };
  if (!(await save(moved, aggregate.version))) throw new ConcurrencyConflict(`${name} ${aggregate.id}`);
  return moved;
}
