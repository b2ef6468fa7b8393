import { createQueryId, RawNode, type Compilable, type CompiledQuery, type QueryResult } from 'kysely';
import type { Executor } from './db.js';
import { DEFERRED, deferWrite } from './deferred.js';
import { directReadsOf } from './direct-reads.js';

/** Every parameter of a prepared query, named: `{ sellerId: true, id: true }` (all of P's keys, checked by the compiler). */
export type Shape<P> = { readonly [K in keyof P]-?: true };

export interface Prepared<P, O> {
  /** Runs the query with these values, on the database or on a transaction (its connection). */
  run(ex: Executor, values: P): Promise<QueryResult<O>>;
  /** Runs the query as a deferred write (deferred.ts): for a write whose answer nobody reads. */
  write(ex: Executor, values: P): Promise<void>;
  /** The SQL text and its values for this call, or undefined when Kysely must build it (a value is undefined). */
  compiled(ex: Executor, values: P): { sql: string; parameters: readonly unknown[] } | undefined;
  /**
   * The rows as arrays, in the select list's order, read at once on SQLite's database outside a
   * transaction (direct-reads.ts); undefined anywhere else, where the caller runs it (`run`).
   */
  tuples(ex: Executor, values: P): unknown[][] | undefined;
}

/** Stands for one named parameter while the query is built once. */
class Marker {
  constructor(readonly key: string) {}
}

/** Where each compiled parameter comes from: a named value (key), or else a constant the query builder wrote itself. */
interface Slot {
  key: string | null;
  value: unknown;
}

interface Plan {
  sql: string;
  /** The same text marked deferred (deferred.ts). */
  deferredSql: string;
  slots: Slot[];
  /** Kysely's node for each text, made once (CompiledQuery.raw makes and freezes one per call). */
  node: RawNode;
  deferredNode: RawNode;
}

/** What CompiledQuery.raw answers, with the plan's node: the executor reads only these fields. */
const query = <O>(sql: string, node: RawNode, parameters: unknown[]): CompiledQuery<O> => ({ sql, query: node, parameters, queryId: createQueryId() });

/**
 * A hot query built and compiled once per dialect instead of on every call
 * (Kysely rebuilds and recompiles each query: a noticeable share of a
 * request's CPU). `build` is called once with a marker in place of each
 * named value; the compiled SQL text is kept, and each run only puts the
 * values in their places. The text is Kysely's own, so the statement caches
 * of db.ts (prepared statements on SQLite, named ones on PostgreSQL) still
 * apply.
 *
 * `build` must use its values only as query values (a value a JavaScript
 * expression consumed, e.g. `p.a + 1`, is refused: the first run throws). A value
 * that is undefined changes what Kysely writes (an insert leaves the column
 * out): such a call is built by Kysely as before.
 */
export function prepared<P extends object, O>(shape: Shape<P>, build: (db: Executor, p: P) => Compilable<O>): Prepared<P, O> {
  const keys = Object.keys(shape);
  // One plan per dialect: keyed by the Kysely instance's adapter, which its transactions share
  // (getExecutor() is marked internal in Kysely 0.28's types; the store installs no plugins,
  // which would otherwise see a raw query here instead of the built one).
  const plans = new WeakMap<object, Plan>();
  const plan = (ex: Executor): Plan => {
    const adapter = ex.getExecutor().adapter;
    let p = plans.get(adapter);
    if (!p) {
      p = compile(ex, keys, build as (db: Executor, p: unknown) => Compilable<unknown>);
      plans.set(adapter, p);
    }
    return p;
  };
  /** The values in their places, or undefined when one is undefined (Kysely must build that call). */
  const params = (slots: Slot[], values: P): unknown[] | undefined => {
    const out = new Array<unknown>(slots.length);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i]!;
      const v = slot.key === null ? slot.value : (values as Record<string, unknown>)[slot.key];
      if (v === undefined) return undefined;
      out[i] = v;
    }
    return out;
  };
  return {
    run(ex, values) {
      const { sql, node, slots } = plan(ex);
      const ps = params(slots, values);
      return ex.executeQuery(ps ? query<O>(sql, node, ps) : build(ex, values));
    },
    async write(ex, values) {
      const { deferredSql, deferredNode, slots } = plan(ex);
      const ps = params(slots, values);
      await (ps ? ex.executeQuery(query(deferredSql, deferredNode, ps)) : deferWrite(ex, build(ex, values)));
    },
    compiled(ex, values) {
      const { sql, slots } = plan(ex);
      const ps = params(slots, values);
      return ps && { sql, parameters: ps };
    },
    tuples(ex, values) {
      const direct = directReadsOf(ex);
      if (!direct) return undefined;
      const { sql, slots } = plan(ex);
      const ps = params(slots, values);
      return ps && direct.run(sql, ps);
    },
  };
}

function compile(ex: Executor, keys: string[], build: (db: Executor, p: unknown) => Compilable<unknown>): Plan {
  const markers = Object.fromEntries(keys.map((k) => [k, new Marker(k)]));
  const compiled = build(ex, markers).compile();
  const used = new Set<string>();
  const slots = compiled.parameters.map((v): Slot => {
    if (!(v instanceof Marker)) return { key: null, value: v };
    used.add(v.key);
    return { key: v.key, value: undefined };
  });
  const unused = keys.filter((k) => !used.has(k));
  if (unused.length) throw new Error(`prepared query does not use ${unused.join(', ')} as values: ${compiled.sql}`);
  const deferredSql = DEFERRED + compiled.sql;
  return { sql: compiled.sql, deferredSql, slots, node: RawNode.createWithSql(compiled.sql), deferredNode: RawNode.createWithSql(deferredSql) };
}
