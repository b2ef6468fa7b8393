import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { ADMIN_TOKEN, processEnv } from '../support/harness.js';
import { http, spawnCaja, type CajaProcess } from '../support/process.js';
import { Receiver, until } from '../support/receiver.js';

describe('two caja processes on one PostgreSQL', () => {
  let db: TestDatabase;
  let rx: Receiver;
  let procs: CajaProcess[] = [];
  beforeAll(async () => {
    db = await freshDatabase();
    rx = await Receiver.start();
    const env = processEnv(db);
    procs = [await spawnCaja(env), await spawnCaja(env)];
  });
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.kill('SIGTERM')));
    await rx.close();
    await db.drop();
  });

  it('deliver every event, none twice per attempt', async () => {
    const [a, b] = procs as [CajaProcess, CajaProcess];
    const created = await http(a.url, 'POST', '/sandbox/sellers', { token: ADMIN_TOKEN, body: { site_id: 'MLB' } });
    const token = created.body.access_token as string;
    await http(b.url, 'PUT', `/sandbox/sellers/${created.body.user_id}/webhooks`, { token, body: { url: rx.url, topics: ['order'] } });
    const N = 300;
    // Events are committed through both processes at once; both workers race for them.
    await Promise.all(
      Array.from({ length: N }, (_, i) =>
        http(i % 2 ? a.url : b.url, 'POST', '/sandbox/notifications/test', { token, body: { topic: 'order', data_id: `ORD${String(i).padStart(26, '0')}` } }),
      ),
    );
    await rx.waitFor(N, 30_000);
    await new Promise((r) => setTimeout(r, 500));
    const ids = rx.received.map((r) => r.query.get('data.id'));
    expect(new Set(ids).size).toBe(N);
    expect(rx.received).toHaveLength(N);
    await until(async () => (await http(a.url, 'GET', '/sandbox/notifications?status=delivered&limit=1', { token })).body.paging.total === N);
    const failedOrPending = await http(a.url, 'GET', '/sandbox/notifications?status=pending&limit=1', { token });
    expect(failedOrPending.body.paging.total).toBe(0);
  });
});
