import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { testbed } from '../support/harness.js';

describe('PostgreSQL connections that die', () => {
  const caja = testbed();

  it('do not take caja down: the pool replaces them and requests go on', async () => {
    const seller = await caja.seller('MLA');
    // Warm the pool so idle connections exist, then terminate every backend of caja's database.
    await Promise.all(Array.from({ length: 5 }, () => caja.request({ method: 'GET', url: '/users/me', headers: seller.auth })));
    const url = new URL(caja.db.databaseUrl!);
    const database = url.pathname.slice(1);
    url.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    const killed = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
    await admin.end();
    expect(killed.rowCount).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    // A request that finds a dead connection may fail once; the process lives, and the next ones work.
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await caja.request({ method: 'GET', url: '/users/me', headers: seller.auth })).statusCode);
    expect(answers.at(-1)).toBe(200);
    expect((await caja.request({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });
});
