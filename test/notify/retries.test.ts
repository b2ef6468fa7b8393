import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testbed, type TestSeller } from '../support/harness.js';
import { Receiver } from '../support/receiver.js';
import { advance, configureWebhooks, delivery, deliveryReaches, sendTestNotification } from '../support/notify.js';

describe('delivery retries on the seller clock (default schedule 15m,15m,15m,1h,6h,24h)', () => {
  let rx: Receiver;
  beforeAll(async () => {
    rx = await Receiver.start();
  });
  // Registered before testbed(): afterAll hooks run in reverse, so caja still closes before the receiver.
  afterAll(async () => rx.close());
  const caja = testbed({ env: { CAJA_WEBHOOK_TIMEOUT_MS: '400' } });
  let seller: TestSeller;
  beforeEach(async () => {
    seller = await caja.seller('MLA');
    rx.received.length = 0;
    rx.mode = { kind: 'status', status: 200 };
    await configureWebhooks(caja, seller, { url: rx.url, topics: ['order'] });
  });

  const notify = async () => (await sendTestNotification(caja, seller, { topic: 'order', data_id: 'ORD01JYH1Z1YJN4HZ8J3Q0RB3YP6D' })).deliveries[0]!.id;
  const attempted = async (id: string, n: number) => {
    const { until } = await import('../support/receiver.js');
    await until(async () => (await delivery(caja, seller, id)).attempt_count >= n, 10_000, `${n} attempts`);
    return delivery(caja, seller, id);
  };

  it('500 then 200: retried 15 minutes later on the seller clock, every attempt recorded', async () => {
    rx.mode = { kind: 'status', status: 500, body: 'boom' };
    const id = await notify();
    const first = await attempted(id, 1);
    expect(first.status).toBe('pending');
    expect(first.attempts[0]).toMatchObject({ response_status: 500, error: 'HTTP 500', response_body: 'boom' });
    const clock = (await caja.request({ method: 'GET', url: '/sandbox/clock', headers: seller.auth })).json();
    const wait = Date.parse(first.next_attempt_at!) - Date.parse(clock.now);
    expect(wait).toBeGreaterThan(14 * 60_000);
    expect(wait).toBeLessThanOrEqual(15 * 60_000);
    // Nothing happens on its own for 15 minutes...
    await new Promise((r) => setTimeout(r, 400));
    expect(rx.received).toHaveLength(1);
    // ...until the clock moves.
    rx.mode = { kind: 'status', status: 200 };
    await advance(caja, seller, 15 * 60);
    const done = await deliveryReaches(caja, seller, id, 'delivered', 3000);
    expect(done.attempts.map((a) => a.response_status)).toEqual([500, 200]);
    expect(done.attempts[1]!.request.headers['x-retry']).toBe('1');
    expect(rx.received).toHaveLength(2);
    // One x-request-id per delivery, kept across its retries.
    expect(rx.received[0]!.headers['x-request-id']).toBe(rx.received[1]!.headers['x-request-id']);
  });

  it('an answer slower than the timeout is a failed attempt', async () => {
    rx.mode = { kind: 'delay', ms: 1500, status: 200 };
    const id = await notify();
    const d = await attempted(id, 1);
    expect(d.status).toBe('pending');
    expect(d.attempts[0]!.error).toMatch(/timeout/);
    expect(d.attempts[0]!.response_status).toBeNull();
  });

  it('a refused connection is a failed attempt, and the retry succeeds once the port is back', async () => {
    await rx.refuse();
    const id = await notify();
    const d = await attempted(id, 1);
    expect(d.attempts[0]!.error).toMatch(/ECONNREFUSED/);
    await rx.accept();
    await advance(caja, seller, 15 * 60);
    await deliveryReaches(caja, seller, id, 'delivered', 3000);
  });

  it('does not follow redirects: a 302 is a failed attempt', async () => {
    rx.mode = { kind: 'status', status: 302, headers: { location: 'http://127.0.0.1:1/elsewhere' } };
    const id = await notify();
    const d = await attempted(id, 1);
    expect(d.attempts[0]).toMatchObject({ response_status: 302, error: 'HTTP 302' });
    expect(rx.received).toHaveLength(1);
  });

  it('keeps only a bounded excerpt of a large response', async () => {
    rx.mode = { kind: 'status', status: 200, body: 'x'.repeat(1_000_000) };
    const id = await notify();
    const d = await deliveryReaches(caja, seller, id, 'delivered');
    expect(d.attempts[0]!.response_body!.length).toBeLessThanOrEqual(2048);
  });

  it('lists and filters deliveries with paging', async () => {
    await notify();
    await sendTestNotification(caja, seller, { topic: 'order', data_id: 'ORD01JYH1Z1YJN4HZ8J3Q0RB3YP7Z' });
    const all = (await caja.request({ method: 'GET', url: '/sandbox/notifications?limit=1', headers: seller.auth })).json();
    expect(all.paging).toEqual({ total: 2, offset: 0, limit: 1 });
    expect(all.results).toHaveLength(1);
    const one = (await caja.request({ method: 'GET', url: '/sandbox/notifications?resource_id=ORD01JYH1Z1YJN4HZ8J3Q0RB3YP7Z', headers: seller.auth })).json();
    expect(one.results).toHaveLength(1);
    expect(one.results[0]).toMatchObject({ topic: 'order', resource_id: 'ORD01JYH1Z1YJN4HZ8J3Q0RB3YP7Z' });
    expect(one.results[0]).toHaveProperty('attempts');
    expect(one.results[0]).toHaveProperty('next_attempt_at');
    const other = await caja.seller('MLA');
    const theirs = (await caja.request({ method: 'GET', url: '/sandbox/notifications', headers: other.auth })).json();
    expect(theirs.paging.total).toBe(0);
    const peek = await caja.request({ method: 'GET', url: `/sandbox/notifications/${one.results[0].id}`, headers: other.auth });
    expect(peek.statusCode).toBe(404);
  });
});

describe('a short retry schedule runs out', () => {
  let rx: Receiver;
  beforeAll(async () => {
    rx = await Receiver.start();
  });
  // Registered before testbed(): afterAll hooks run in reverse, so caja still closes before the receiver.
  afterAll(async () => rx.close());
  const caja = testbed({ env: { CAJA_WEBHOOK_RETRY_SCHEDULE: '1s,1s' } });

  it('marks the delivery failed after the last retry (1 attempt + 2 retries)', async () => {
    const seller = await caja.seller('MLA');
    await configureWebhooks(caja, seller, { url: rx.url, topics: ['order'] });
    rx.mode = { kind: 'status', status: 503 };
    const id = (await sendTestNotification(caja, seller, { topic: 'order', data_id: 'ORD1' })).deliveries[0]!.id;
    const d = await deliveryReaches(caja, seller, id, 'failed', 8000);
    expect(d.attempts.map((a) => a.response_status)).toEqual([503, 503, 503]);
    expect(d.next_attempt_at).toBeNull();
  });
});

describe('CAJA_WEBHOOK_ALLOW_PRIVATE=off', () => {
  const caja = testbed({ env: { CAJA_WEBHOOK_ALLOW_PRIVATE: 'off', CAJA_WEBHOOK_RETRY_SCHEDULE: '1m' } });

  it('refuses loopback and private targets without connecting', async () => {
    const seller = await caja.seller('MLA');
    for (const url of ['http://127.0.0.1:9/hook', 'http://10.1.2.3/hook', 'http://localhost:9/x', 'http://[::1]:9/x']) {
      await configureWebhooks(caja, seller, { url, topics: ['order'] });
      const id = (await sendTestNotification(caja, seller, { topic: 'order', data_id: 'ORD1' })).deliveries[0]!.id;
      const { until } = await import('../support/receiver.js');
      await until(async () => (await delivery(caja, seller, id)).attempt_count === 1);
      expect((await delivery(caja, seller, id)).attempts[0]!.error).toMatch(/refused: .*private/);
    }
  });
});
