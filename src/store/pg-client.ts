import type pgModule from 'pg';
import { CHECK, DEFERRED } from './deferred.js';

/**
 * What a pooled PostgreSQL connection does with Kysely's queries, to spend
 * fewer round trips: each one costs a write system call and a wake-up on both
 * sides, which on a small machine is most of a command's CPU (PERFORMANCE.md).
 *
 * - Queries are named by their text, so PostgreSQL parses and plans each one
 *   once per connection and then only binds and executes (queries of one shape
 *   share one text; the number of names is bounded by the code's query shapes).
 * - Inside a transaction, `BEGIN` and the writes marked deferred (deferred.ts:
 *   a write whose answer nobody reads) are held, and sent in one pipeline with
 *   the transaction's next other statement (a read, the `COMMIT`): one write
 *   system call and one wait for all of them. The connection runs in pg's
 *   pipeline mode, where each statement keeps its own Sync and PostgreSQL runs
 *   them in order, so a later read sees the held writes. A held write that
 *   fails fails the statement it was sent with (its error, not the aborted
 *   transaction's), and a `COMMIT` sent after it rolls back; the caller's
 *   transaction then ends as any failed one does.
 * - A `ROLLBACK` (or `ROLLBACK TO SAVEPOINT`) drops the writes held since the
 *   last statement sent: they all came after the savepoint or the `BEGIN` it
 *   undoes. A transaction that sent nothing (its `BEGIN` still held) ends
 *   without a round trip, and so does the `ROLLBACK` Kysely sends after a
 *   failed `COMMIT` (PostgreSQL already ended that transaction).
 * - A transaction that sent nothing before its `COMMIT`, and whose held
 *   statements merge into one, is that statement alone (one statement is its
 *   own transaction), and such transactions committing in the same turn of
 *   the event loop go together (commitTogether).
 * - Consecutive held writes that are plain `INSERT ... VALUES` go as one
 *   statement (mergeInserts), with the checks held just before them
 *   (verified-reads.ts): PostgreSQL runs every data-modifying `WITH`
 *   exactly once and checks foreign keys at the statement's end, so the rows
 *   are the same; each statement saved is a Bind, an Execute and a Sync on the
 *   wire and their handling on both sides. A failure (a unique index) keeps
 *   its own code and constraint.
 * - `hold` false (`CAJA_PG_PIPELINE=off`): every statement is sent on its own, as before.
 */
export function pipelinedClients(pool: pgModule.Pool, hold = true): pgModule.Pool {
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (!name) {
      // Merged inserts make texts of combinations: past this many, new texts go unnamed.
      if (names.size >= MAX_NAMES) return undefined;
      name = `caja_${names.size.toString(36)}`;
      names.set(text, name);
    }
    return name;
  };
  const together = commitTogether();
  const wrapped = new WeakSet<pgModule.PoolClient>();
  const wrap = (client: pgModule.PoolClient): pgModule.PoolClient => {
    // A pooled client comes back on every checkout: wrap it once.
    if (wrapped.has(client)) return client;
    wrapped.add(client);
    const raw = client.query.bind(client) as (config: unknown, values?: unknown[]) => Promise<pgModule.QueryResult>;
    // Only plain (text, values) calls with parameters are named: BEGIN/COMMIT and raw migrations stay unnamed.
    const send = (text: string, values: unknown[] | undefined) =>
      values && values.length > 0 ? raw({ name: nameOf(text), text, values }) : raw(text, values);
    const stream = (client as unknown as { connection: { stream: { cork(): void; uncork(): void } } }).connection.stream;
    /** BEGIN and deferred writes, kept until the transaction's next other statement. */
    let held: Held[] = [];
    let inTransaction = false;

    /** Sends the held statements and this one in one write; answers this one, or the first failure among them. */
    const sendWithHeld = async (text: string, values: unknown[] | undefined): Promise<pgModule.QueryResult> => {
      if (!held.length) return send(text, values);
      const batch = held;
      held = [];
      let sent: Array<Promise<pgModule.QueryResult>>;
      stream.cork();
      try {
        sent = [...mergeInserts(batch).map((h) => send(h.text, h.values)), send(text, values)];
      } finally {
        stream.uncork();
      }
      const settled = await Promise.allSettled(sent);
      for (const r of settled) if (r.status === 'rejected') throw r.reason;
      return (settled[settled.length - 1] as PromiseFulfilledResult<pgModule.QueryResult>).value;
    };

    (client as { query: unknown }).query = (textOrConfig: unknown, values?: unknown[]) => {
      if (typeof textOrConfig !== 'string') return raw(textOrConfig, values);
      const text = textOrConfig;
      if (!hold) return send(text.startsWith(DEFERRED) ? text.slice(DEFERRED.length) : text, values);
      if (text === 'begin') {
        inTransaction = true;
        held.push({ text, values: undefined });
        return Promise.resolve(done('BEGIN'));
      }
      if (text.startsWith(DEFERRED) && inTransaction) {
        held.push({ text: text.slice(DEFERRED.length), values });
        return Promise.resolve(done('DEFERRED'));
      }
      const plain = text.startsWith(DEFERRED) ? text.slice(DEFERRED.length) : text;
      const unsent = held[0]?.text === 'begin';
      if (text === 'rollback') {
        // After a COMMIT (Kysely rolls back when one fails) the transaction is already over.
        const open = inTransaction;
        inTransaction = false;
        held = [];
        return unsent || !open ? Promise.resolve(done('ROLLBACK')) : send(text, values);
      }
      if (/^rollback to /i.test(text)) held = unsent ? held.slice(0, 1) : [];
      if (text === 'commit') {
        inTransaction = false;
        if (unsent && held.length === 1) {
          held = [];
          return Promise.resolve(done('COMMIT'));
        }
        // Everything the transaction did merges into one statement: it is its own transaction.
        const body = unsent ? mergeInserts(held.slice(1)) : [];
        if (body.length === 1) {
          held = [];
          return together({ statement: body[0]!, send, cork: () => stream.cork(), uncork: () => stream.uncork() }).then(() => done('COMMIT'));
        }
      }
      return sendWithHeld(plain, values);
    };
    return client;
  };
  const connect = pool.connect.bind(pool) as () => Promise<pgModule.PoolClient>;
  (pool as { connect: unknown }).connect = async () => wrap(await connect());
  return pool;
}

interface Member {
  statement: Held;
  /** Sends on the member's own connection (idle: its transaction sent nothing yet). */
  send(text: string, values: unknown[] | undefined): Promise<pgModule.QueryResult>;
  cork(): void;
  uncork(): void;
}

/**
 * Group commit for transactions that are one statement (a QR create once its
 * read is remembered, a test notification): those that commit in the same
 * turn of the event loop are sent on the first one's connection as `BEGIN`,
 * their statements and one `COMMIT`, in one write. Each statement still
 * runs in its own snapshot (READ COMMITTED) and sees committed data only, as
 * it would alone; each member is answered after the shared `COMMIT`, so
 * nothing is acknowledged before it is durable. Measured: PostgreSQL creates
 * about twice as fast, and half the CPU per create on both sides
 * (PERFORMANCE.md, "Five passes before").
 *
 * If any statement fails (a duplicate idempotency key, a failed check, a
 * lost connection), PostgreSQL rolls the group back and each member is sent
 * again alone on its own connection, so it succeeds or fails with its own
 * error exactly as without the group. What a group costs: its members hold
 * their locks until the group commits, so a member that waits for another
 * transaction's lock (an in-flight duplicate key) makes its group wait too,
 * and two groups inserting the same two keys in opposite orders deadlock
 * until PostgreSQL breaks it (`deadlock_timeout`, 1 s by default), after
 * which both groups' members run alone.
 */
function commitTogether(): (m: Member) => Promise<void> {
  let queue: Array<Member & { resolve(): void; reject(e: unknown): void }> = [];
  let scheduled = false;
  const alone = (m: (typeof queue)[number]) => void m.send(m.statement.text, m.statement.values).then(() => m.resolve(), m.reject);
  const flush = async () => {
    scheduled = false;
    const members = queue;
    queue = [];
    if (members.length === 1) return alone(members[0]!);
    const lead = members[0]!;
    let sent: Array<Promise<pgModule.QueryResult>>;
    lead.cork();
    try {
      sent = [lead.send('begin', undefined), ...members.map((m) => lead.send(m.statement.text, m.statement.values)), lead.send('commit', undefined)];
    } catch {
      // The lead's connection refused to send (it broke): each member alone, on its own.
      for (const m of members) alone(m);
      return;
    } finally {
      lead.uncork();
    }
    const settled = await Promise.allSettled(sent);
    const last = settled[settled.length - 1]!;
    // After a failed statement PostgreSQL answers the COMMIT with ROLLBACK: nothing of the group is kept.
    if (settled.every((r) => r.status === 'fulfilled') && last.status === 'fulfilled' && last.value.command === 'COMMIT') {
      for (const m of members) m.resolve();
    } else for (const m of members) alone(m);
  };
  return (m) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ ...m, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(() => void flush());
      }
    });
}

/** How many statement texts a connection names (each is parsed and planned once per connection). */
const MAX_NAMES = 1000;
/** PostgreSQL's bound on one statement's parameters. */
const MAX_PARAMETERS = 65_535;

type Held = { text: string; values: unknown[] | undefined };

/**
 * A plain insert of parameters, as Kysely compiles it: no literal (so every
 * `$n` is a parameter), no `WITH`, no `SELECT`, no `RETURNING`, no `ON CONFLICT`.
 */
const PLAIN_INSERT = /^insert into "[a-z0-9_]+" \([^)]*\) values \(/;
const mergeable = (h: Held) =>
  PLAIN_INSERT.test(h.text) && !h.text.includes("'") && !/ (select|returning|on conflict|with) /i.test(h.text) && h.values !== undefined && h.values.length > 0;

/** A held check (deferred.ts CHECK): one `select ... as ok` with parameters. */
const isCheck = (h: Held) => h.text.startsWith(CHECK) && h.values !== undefined && h.values.length > 0;

/**
 * Runs of consecutive plain inserts become one statement:
 * `with "w0" as (insert ...), "w1" as (insert ...) insert ...`, each insert's
 * parameters renumbered after the ones before it. Checks held just before a
 * run join it: `with "c0" as (select ... as ok), "w0" as (insert ...) insert
 * ... returning (select ok from "c0")`, so a check that fails fails the
 * statement (the last insert's RETURNING reads it; nothing else does).
 * Everything else is kept as it is.
 */
export function mergeInserts(batch: readonly Held[]): Held[] {
  const out: Held[] = [];
  let checks: Held[] = [];
  let run: Held[] = [];
  let params = 0;
  const flush = () => {
    if (run.length === 0 || (run.length === 1 && checks.length === 0)) out.push(...checks, ...run);
    else {
      const values: unknown[] = [];
      const renumbered = (h: Held) => {
        const offset = values.length;
        values.push(...h.values!);
        return offset === 0 ? h.text : h.text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
      };
      const ctes = checks.map((h, i) => `"c${i}" as (${renumbered(h).slice(CHECK.length)})`);
      const texts = run.map(renumbered);
      const last = texts.pop()!;
      ctes.push(...texts.map((t, i) => `"w${i}" as (${t})`));
      const returning = checks.length ? ` returning ${checks.map((_, i) => `(select ok from "c${i}")`).join(' + ')}` : '';
      out.push({ text: `with ${ctes.join(', ')} ${last}${returning}`, values });
    }
    checks = [];
    run = [];
    params = 0;
  };
  for (const h of batch) {
    if (isCheck(h) && run.length === 0) {
      checks.push(h);
      params += h.values!.length;
      continue;
    }
    if (!mergeable(h)) {
      flush();
      out.push(h);
      continue;
    }
    // The checks go with the run they precede (flush); this insert starts the next statement.
    if (params + h.values!.length > MAX_PARAMETERS) flush();
    run.push(h);
    params += h.values!.length;
  }
  flush();
  return out;
}

/** The answer to a statement held for later: nothing to read (the command is not INSERT, so Kysely counts no rows). */
const done = (command: string) => ({ command, rowCount: 0, rows: [], fields: [], oid: 0 }) as unknown as pgModule.QueryResult;
