import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCaja, type Harness } from '../support/harness.js';
import { configureWebhooks, deliveryReaches, sendTestNotification } from '../support/notify.js';

describe('attempts recorded together', () => {
  let caja: Harness;
  let server: http.Server;
  let url: string;
  const batch = 12;
  beforeAll(async () => {
    caja = await startCaja();
    // Answers 200 to every webhook, all of a batch at once (once `batch` have arrived, so that their
    // attempts finish together); the one for a POISON id with a body PostgreSQL cannot store in text (a NUL).
    const waiting: Array<() => void> = [];
    server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        waiting.push(() => res.writeHead(200).end(req.url?.includes('POISON') ? 'bad\u0000body' : 'ok'));
        if (waiting.length >= batch) for (const answer of waiting.splice(0)) answer();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    await caja.close();
    await new Promise((r) => server.close(r));
  });

  it('one attempt the database refuses does not leave the others of its batch unrecorded', async () => {
    const s = await caja.seller('MLA');
    await configureWebhooks(caja, s, { url, topics: ['order'] });
    // Held off so that one claim takes them all and their answers come back together.
    await caja.runtime.worker.stop();
    const ids: string[] = [];
    for (let i = 0; i < batch; i++) {
      const dataId = i === 5 ? 'ORD01KPOISON000000000000000A' : `ORD01KBATCH${String(i).padStart(17, '0')}`;
      ids.push((await sendTestNotification(caja, s, { topic: 'order', data_id: dataId })).deliveries[0]!.id);
    }
    caja.runtime.worker.start();
    for (const [i, id] of ids.entries()) {
      if (i === 5) continue;
      const d = await deliveryReaches(caja, s, id, 'delivered');
      expect(d.attempts).toHaveLength(1);
      expect(d.attempts[0]).toMatchObject({ number: 1, response_status: 200 });
    }
  });
});
