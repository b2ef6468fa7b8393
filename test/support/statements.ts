import { createRequire } from 'node:module';
import net from 'node:net';
import Database from 'better-sqlite3';
import { testDialect } from './database.js';

type Recorder = { texts: string[]; writes: number };

/**
 * The statements the store's driver runs while `fn` runs (better-sqlite3's on SQLite, pg's on
 * PostgreSQL), and on PostgreSQL the socket writes: one per round trip.
 */
export async function recorded<T>(fn: () => Promise<T>): Promise<Recorder & { value: T }> {
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
