// Bulk-loads copies of one order, directly through caja's store (no HTTP, no
// command): a template order is created through the API, then its whole write
// set (order row, QR code, expiry timer, idempotency record, status history)
// is copied N times with fresh ids, tokens and keys, in multi-row inserts.
// The copies are what N creates would have written, minus the CPU.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { CROCKFORD, randomToken } from '../src/core/ids.js';
import { openStore } from '../src/store/db.js';

interface TemplateRows {
  table: string;
  rows: Array<Record<string, unknown>>;
}

const ROWS_PER_INSERT = 400;
const CLONES_PER_TX = 10_000;

const base32 = (n: number, len: number) => {
  let s = '';
  for (let i = 0; i < len; i++) {
    s = CROCKFORD[n % 32] + s;
    n = Math.floor(n / 32);
  }
  return s;
};

/**
 * Copies order `templateId` (and everything its create wrote) n times. Returns
 * the new order ids. `env` is caja's (CAJA_DATA_DIR, DATABASE_URL); caja should
 * not be writing meanwhile.
 */
export async function cloneOrders(env: Record<string, string>, templateId: string, n: number, onProgress?: (done: number) => void): Promise<string[]> {
  const store = openStore({ dataDir: env.CAJA_DATA_DIR!, databaseUrl: env.DATABASE_URL, checkpoints: { everyMs: 200 } });
  try {
    if (store.dialect === 'sqlite') await sql`PRAGMA cache_size = -262144`.execute(store.db);
    const db = store.db as unknown as import('kysely').Kysely<Record<string, Record<string, unknown>>>;
    const order = await db.selectFrom('mp_orders').selectAll().where('id', '=', templateId).executeTakeFirstOrThrow();
    const template: TemplateRows[] = [
      { table: 'mp_orders', rows: [order] },
      { table: 'qr_codes', rows: await db.selectFrom('qr_codes').selectAll().where('target_id', '=', templateId).execute() },
      { table: 'timers', rows: await db.selectFrom('timers').selectAll().where('target_id', '=', templateId).execute() },
      { table: 'status_history', rows: await db.selectFrom('status_history').selectAll().where('aggregate_id', '=', templateId).execute() },
      { table: 'idempotency_keys', rows: (await db.selectFrom('idempotency_keys').selectAll().execute()).filter((r) => String(r.response_body).includes(templateId)) },
    ];
    // What differs from copy to copy: the id family's stem (the order's and its
    // transactions' ids share their first 19 ULID characters), the QR token,
    // the timer's id, the idempotency key.
    const ulid = templateId.slice(3);
    const stem = ulid.slice(0, 19);
    const tokens = template.find((t) => t.table === 'qr_codes')!.rows.map((r) => String(r.token));
    const timerIds = template.find((t) => t.table === 'timers')!.rows.map((r) => String(r.id));
    const keys = template.find((t) => t.table === 'idempotency_keys')!.rows.map((r) => String(r.idem_key));
    const texts = template.map((t) => ({ table: t.table, texts: t.rows.map((r) => JSON.stringify(r)) }));
    const ids: string[] = [];
    // A run tag keeps stems of two loads into one database apart.
    const tag = Math.floor(Math.random() * 32 ** 2);
    for (let from = 0; from < n; from += CLONES_PER_TX) {
      const count = Math.min(CLONES_PER_TX, n - from);
      const batches = texts.map((t) => ({ table: t.table, rows: [] as Array<Record<string, unknown>> }));
      for (let i = from; i < from + count; i++) {
        const newStem = stem.slice(0, 10) + base32(tag, 2) + base32(i, 7);
        const swaps: Array<[string, string]> = [[stem, newStem]];
        for (const t of tokens) swaps.push([t, randomToken(t.length)]);
        for (const t of timerIds) swaps.push([t, t.slice(0, 3 + 10) + base32(tag, 2) + base32(i, 7) + t.slice(3 + 19)]);
        for (const k of keys) swaps.push([k, randomUUID()]);
        for (const [j, t] of texts.entries()) {
          for (const text of t.texts) {
            let s = text;
            for (const [a, b] of swaps) s = s.split(a).join(b);
            batches[j]!.rows.push(JSON.parse(s) as Record<string, unknown>);
          }
        }
        ids.push(`ORD${newStem}${ulid.slice(19)}`);
      }
      await store.transaction(async (tx) => {
        const ex = tx.ex as unknown as typeof db;
        for (const b of batches) {
          for (let k = 0; k < b.rows.length; k += ROWS_PER_INSERT) await ex.insertInto(b.table).values(b.rows.slice(k, k + ROWS_PER_INSERT)).execute();
        }
      });
      onProgress?.(from + count);
    }
    // PostgreSQL's autovacuum analyzes a table that grew this much on its own; this does it now.
    // SQLite is left as caja leaves it: caja never runs ANALYZE, so a database grown through the
    // API has no statistics. With them (better-sqlite3 builds SQLite with STAT4), a statement
    // whose plan could depend on a bound value is prepared again at every new binding: a get's
    // statement took 42 µs instead of 10 µs in a loop, and every statement in the scale bench
    // paid it (measured 2026-12-03; the bench ran ANALYZE on SQLite until then).
    if (store.dialect === 'postgres') await sql`ANALYZE`.execute(store.db);
    return ids;
  } finally {
    await store.close();
  }
}
