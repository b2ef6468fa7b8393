import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { configureWebhooks, deliveryReaches, sendTestNotification } from '../support/notify.js';

describe('attempts recorded together', () => {
  let server: http.Server;
  let url: string;
  const batch = 12;
  beforeAll(async () => {
    // Answers 200 to every webhook, all of a batch at once (once `batch` have arrived, so that their
    // attempts finish together); the one for a NUL id with a body PostgreSQL cannot store as is.
    const waiting: Array<() => void> = [];
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        waiting.push(() => res.writeHead(200).end(req.url?.includes('NUL') ? 'bad\u0000body' : 'ok'));
        if (waiting.length >= batch) for (const answer of waiting.splice(0)) answer();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  // Registered before testbed(): afterAll hooks run in reverse, so caja still closes before the server.
  afterAll(async () => {
    await new Promise((r) => server.close(r));
  });
  const caja = testbed();

  it('one attempt the database refuses does not leave the others of its batch unrecorded', async () => {
    const s = await caja.seller('MLA');
    await configureWebhooks(caja, s, { url, topics: ['order'] });
    // Held off so that one claim takes them all and their answers come back together.
    await caja.runtime.worker.stop();
    const ids: string[] = [];
    for (let i = 0; i < batch; i++) {
      const dataId = i === 7 ? 'ORD01KNUL000000000000000000A' : `ORD01KBATCH${String(i).padStart(17, '0')}`;
      ids.push((await sendTestNotification(caja, s, { topic: 'order', data_id: dataId })).deliveries[0]!.id);
    }
    // The poison: delivery 5 already has a row for attempt 1 (its count says 0), so recording its attempt 1 breaks the key.
    const db = caja.runtime.ctx.store.db;
    await db
      .insertInto('delivery_attempts')
      .values({ delivery_id: ids[5]!, number: 1, started_at: 0, duration_ms: 0, request_url: url, request_headers: '{}', request_body: '{}', response_status: null, response_body: null, error: 'planted' })
      .execute();
    caja.runtime.worker.start();
    for (const [i, id] of ids.entries()) {
      if (i === 5) continue;
      const d = await deliveryReaches(caja, s, id, 'delivered');
      expect(d.attempts).toHaveLength(1);
      expect(d.attempts[0]).toMatchObject({ number: 1, response_status: 200 });
    }
    // A NUL in an answer is kept as U+FFFD in the excerpt (PostgreSQL's text refuses NUL).
    const nul = await caja.request({ method: 'GET', url: `/sandbox/notifications/${ids[7]}`, headers: s.auth });
    expect(nul.json().attempts[0].response_body).toBe('bad\uFFFDbody');
    // The poisoned one stays leased and unrecorded (its lease will expire and it will be tried again).
    const poisoned = await db.selectFrom('deliveries').select(['status', 'attempt_count']).where('id', '=', ids[5]!).executeTakeFirstOrThrow();
    expect(poisoned).toEqual({ status: 'pending', attempt_count: 0 });
  });
});
