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
  const [result] = await moveMany(tx, m, [{ aggregate, path, next, at: opts.at }], {
    saveMany: async ([s]) => ((await opts.save(s!.next, s!.expected)) ? 1 : 0),
    ...(opts.history ? { history: opts.history } : {}),
  });
  return result!;
}

/** A change that is not a status change (a refund reserved, a field set) still bumps the version, so it races safely too. */
export async function bump<A extends { id: string; version: number }>(name: string, aggregate: A, next: (a: A) => A, save: (next: A, expected: number) => Promise<boolean>): Promise<A> {
  const moved = { ...next(aggregate), version: aggregate.version + 1 };
  if (!(await save(moved, aggregate.version))) throw new ConcurrencyConflict(`${name} ${aggregate.id}`);
  return moved;
}

/** One aggregate of a `moveMany`: where it goes and how it changes, at its seller's clock. */
export interface ManyItem<S extends string, A extends Versioned<S>> {
  aggregate: A;
  path: ReadonlyArray<MoveStep<S>>;
  next: (a: A) => A;
  /** The seller's clock, ms. */
  at: number;
}

export interface MoveManyOptions<A> {
  /**
   * Writes every moved aggregate whose stored version is still its `expected`,
   * in one statement; answers how many it wrote (fewer than given: somebody
   * moved one meanwhile, and the whole set is retried).
   */
  saveMany(moves: ReadonlyArray<{ next: A; expected: number }>): Promise<number>;
  history?: (rows: StatusHistoryRow[]) => Promise<void>;
}

/**
 * `move` for many aggregates of one machine at once (a batch of due timers):
 * the same allow-list per aggregate, one compare-and-set statement for all of
 * them, one history insert. Items are distinct aggregates. Answers a Result per item, in order. If any
 * compare-and-set lost, it throws ConcurrencyConflict and writes nothing the
 * caller keeps (the caller's savepoint rolls back and each item runs alone).
 */
export async function moveMany<S extends string, A extends Versioned<S>>(tx: Tx, m: Machine<S>, items: ReadonlyArray<ManyItem<S, A>>, opts: MoveManyOptions<A>): Promise<Array<Result<A, WrongStatus<S>>>> {
  const results: Array<Result<A, WrongStatus<S>>> = [];
  const saves: Array<{ next: A; expected: number }> = [];
  const rows: StatusHistoryRow[] = [];
  const ids = new Set<string>();
  for (const { aggregate, path, next, at } of items) {
    if (ids.has(aggregate.id)) throw new Error(`moveMany: ${m.name} ${aggregate.id} given twice`);
    ids.add(aggregate.id);
    if (!canWalk(m, aggregate.status, path.map((p) => p.status))) {
      results.push(err({ code: 'wrong_status', status: aggregate.status }));
      continue;
    }
    const moved = { ...next(aggregate), status: path[path.length - 1]!.status, version: aggregate.version + path.length };
    saves.push({ next: moved, expected: aggregate.version });
    path.forEach((p, i) => rows.push({ aggregate: m.name, aggregate_id: aggregate.id, seq: aggregate.version + i + 1, status: p.status, detail: p.detail ?? null, created_at: at }));
    results.push(ok(moved));
  }
  if (saves.length === 0) return results;
  if ((await opts.saveMany(saves)) !== saves.length) throw new ConcurrencyConflict(saves.length === 1 ? `${m.name} ${saves[0]!.next.id}` : `${m.name} (${saves.length} at once)`);
  await (opts.history ?? ((r) => insertStatusHistory(tx.ex, r)))(rows);
  return results;
}
