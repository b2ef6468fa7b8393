import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCaja, type Harness } from '../support/harness.js';
import { order, shop, type Shop } from '../support/orders-fixtures.js';
import { until } from '../support/receiver.js';
import { openStream, ticket } from './sse.js';

// Two caja runtimes on one PostgreSQL, each with its own change feed: a change
// made through one reaches a stream held by the other (no in-process signal).
let one: Harness;
let two: Harness;
let s: Shop;

beforeAll(async () => {
  one = await startCaja();
  two = await startCaja({ database: one.db });
  await one.runtime.app.listen({ port: 0, host: '127.0.0.1' });
  s = await shop(one, 'MLA');
});
afterAll(async () => {
  await two?.close({ keepDatabase: true });
  await one?.close();
});

describe('the change stream across processes', () => {
  it("hears an order created through another caja on the same database", async () => {
    const port = (one.runtime.app.server.address() as AddressInfo).port;
    // The ticket of one process is good on the other (keyed by the shared admin token).
    const stream = await openStream(port, await ticket(two, s.seller));
    try {
      expect(stream.res.statusCode).toBe(200);
      await until(() => stream.events.includes('change'), 5000, 'baseline');
      const before = stream.events.length;
      const res = await order(two, s.seller, s.body({ config: { qr: { external_pos_id: s.pos.external_id, mode: 'dynamic' } } }));
      expect(res.statusCode, res.body).toBe(201);
      await until(() => stream.events.length > before, 5000, 'the change made by the other process');
      expect(stream.events.at(-1)).toBe('change');
    } finally {
      stream.close();
    }
  });
});
