import { createRequire } from 'node:module';
import net from 'node:net';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { testDialect } from '../support/database.js';
import { getOrder, order, shopTestbed } from '../support/orders-fixtures.js';

type Recorder = { texts: string[]; writes: number };

/**
 * The statements the store's driver runs while `fn` runs (better-sqlite3's on SQLite, pg's on
 * PostgreSQL), and on PostgreSQL the socket writes: one per round trip.
 */
async function recorded<T>(fn: () => Promise<T>): Promise<Recorder & { value: T }> {
  const rec: Recorder = { texts: [], writes: 0 };
  const restore: Array<() => void> = [];
  const patch = <K extends string>(proto: Record<K, (...a: unknown[]) => unknown>, name: K, before: (self: unknown) => void) => {
    const original = proto[name];
    proto[name] = function (this: unknown, ...a: unknown[]) {
      before(this);
      return original.apply(this, a);
    };
    restore.push(() => (proto[name] = original));
  };
  if (testDialect === 'postgres') {
    const Query = createRequire(import.meta.url)('pg/lib/query.js') as { prototype: Record<'submit', (...a: unknown[]) => unknown> };
    patch(Query.prototype, 'submit', (q) => rec.texts.push((q as { text: string }).text));
    const socket = net.Socket.prototype as unknown as Record<'_write' | '_writev', (...a: unknown[]) => unknown>;
    patch(socket, '_write', () => rec.writes++);
    patch(socket, '_writev', () => rec.writes++);
  } else {
    const memory = new Database(':memory:');
    const statement = Object.getPrototypeOf(memory.prepare('SELECT 1')) as Record<'run' | 'all' | 'get' | 'iterate', (...a: unknown[]) => unknown>;
    memory.close();
    for (const m of ['run', 'all', 'get', 'iterate'] as const) patch(statement, m, (st) => rec.texts.push((st as { source: string }).source));
  }
  try {
    const value = await fn();
    return { ...rec, value };
  } finally {
    for (const r of restore.reverse()) r();
  }
}

const authenticating = (texts: string[]) => texts.filter((t) => t.includes('"credentials"'));

// What a create and a get cost in statements (PERFORMANCE.md): each authenticates in the read it
// makes anyway (auth.ts sellerInRead), and on PostgreSQL a create's inserts go as one statement
// with the COMMIT (store/pg-client.ts).
describe('the statements of a QR create and a get', () => {
  // No background loops: only the requests' own statements are counted.
  const t = shopTestbed('MLA', { workers: false });

  it('a create reads its seller, POS, store and options in one statement inside its transaction; on PostgreSQL two round trips', async () => {
    const { caja, s } = t;
    const body = s.body({ config: { qr: { external_pos_id: s.pos.external_id, mode: 'dynamic' } } });
    expect((await order(caja, s.seller, body)).statusCode).toBe(201); // statements named, connection open
    const r = await recorded(() => order(caja, s.seller, body));
    expect(r.value.statusCode).toBe(201);
    const auth = authenticating(r.texts);
    expect(auth).toHaveLength(1);
    expect(auth[0]).toMatch(/"pos"/);
    expect(auth[0]).toMatch(/"mp_seller_options"/);
    const begin = r.texts.findIndex((x) => /^(begin|savepoint)/i.test(x));
    expect(begin).toBeGreaterThanOrEqual(0);
    expect(r.texts.indexOf(auth[0]!)).toBeGreaterThan(begin);
    if (testDialect === 'postgres') {
      // BEGIN with the read; the order, its QR code, its timer and the idempotency key as one statement with the COMMIT.
      expect(r.texts.map((x) => x.split(' ').slice(0, 3).join(' '))).toEqual(['begin', 'select "sellers".*, "pos"."id"', 'with "w0" as', 'commit']);
      expect(r.writes).toBe(2);
    }
  });

  it('a get reads its seller and the order in one statement; on PostgreSQL one round trip', async () => {
    const { caja, s } = t;
    const body = s.body({ config: { qr: { external_pos_id: s.pos.external_id, mode: 'dynamic' } } });
    const created = await order(caja, s.seller, body);
    const id = created.json().id as string;
    expect((await getOrder(caja, s.seller, id)).statusCode).toBe(200);
    const r = await recorded(() => getOrder(caja, s.seller, id));
    expect(r.value.statusCode).toBe(200);
    expect(r.texts).toHaveLength(1);
    expect(authenticating(r.texts)[0]).toMatch(/"mp_orders"/);
    if (testDialect === 'postgres') expect(r.writes).toBe(1);
  });
});
