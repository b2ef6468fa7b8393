import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plannerStatistics } from '../../src/store/planner-statistics.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { startCaja, testbed } from '../support/harness.js';
import { created, shop } from '../support/orders-fixtures.js';

describe('SQLite planner statistics (caja never makes them; an operator’s ANALYZE does)', () => {
  const caja = testbed({ workers: false });
  const store = () => caja.runtime.ctx.store;

  beforeAll(async () => {
    const s = await shop(caja, 'MLA');
    for (let i = 0; i < 3; i++) await created(caja, s.seller, s.body());
  });

  it('are absent from the database caja makes and writes', async () => {
    expect(await plannerStatistics(store())).toEqual([]);
  });

  it('are reported after ANALYZE on SQLite, and gone after the DROP TABLE the warning names; PostgreSQL reports none', async () => {
    await sql`ANALYZE`.execute(store().db);
    const found = await plannerStatistics(store());
    if (store().dialect === 'postgres') {
      expect(found).toEqual([]);
      return;
    }
    // better-sqlite3 builds SQLite with STAT4: both tables hold rows for caja's indexed tables.
    expect(found).toEqual(['sqlite_stat1', 'sqlite_stat4']);
    for (const t of found) await sql`DROP TABLE ${sql.table(t)}`.execute(store().db);
    expect(await plannerStatistics(store())).toEqual([]);
  });
});

describe('caja started on a database with planner statistics', () => {
  let db: TestDatabase;
  const lines: Array<{ level: number; msg: string; tables?: string[] }> = [];
  const logger = pino({ level: 'warn' }, new Writable({ write: (chunk, _enc, done) => (lines.push(...String(chunk).trim().split('\n').map((l) => JSON.parse(l))), done()) }));
  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(async () => db.drop());

  it('warns once at start, naming the tables, on SQLite only', async () => {
    const first = await startCaja({ database: db, workers: false, logger });
    const ex = first.runtime.ctx.store.db;
    await sql`CREATE TABLE t (k INTEGER)`.execute(ex);
    await sql`CREATE INDEX t_k ON t (k)`.execute(ex);
    await sql`INSERT INTO t (k) VALUES (1), (2), (2), (3)`.execute(ex);
    await sql`ANALYZE`.execute(ex);
    await first.close({ keepDatabase: true });
    expect(lines.filter((l) => l.msg.includes('planner statistics'))).toEqual([]);
    const again = await startCaja({ database: db, workers: false, logger });
    await again.close({ keepDatabase: true });
    const warned = lines.filter((l) => l.msg.includes('planner statistics'));
    if (db.dialect === 'postgres') expect(warned).toEqual([]);
    else expect(warned).toMatchObject([{ level: 40, tables: ['sqlite_stat1', 'sqlite_stat4'] }]);
  });
});
