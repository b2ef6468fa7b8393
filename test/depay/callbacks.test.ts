import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advance, deliveryReaches } from '../support/notify.js';
import { testbed } from '../support/harness.js';
import { Receiver } from '../support/receiver.js';
import { createQr, depaySeller, type DepaySeller } from './fixtures.js';

/** Depay callbacks go through the notification engine: retried on the seller clock, logged, replayable. */
describe('Depay callbacks: delivery, retries, log and replay', () => {
  let rx: Receiver;
  beforeAll(async () => {
    rx = await Receiver.start();
  });
  // Registered before testbed(): afterAll hooks run in reverse, so caja still closes before the receiver.
  afterAll(async () => rx.close());
  const caja = testbed({ env: { CAJA_DEPAY_RETRY_SCHEDULE: '1m,5m' } });
  let s: DepaySeller;
  beforeAll(async () => {
    s = await depaySeller(caja, { autoOutcome: false });
  });

  it('retries a failing receiver on the schedule, then delivers; a replay sends the same body again', async () => {
    rx.mode = { kind: 'status', status: 500 };
    const q = await createQr(caja, s, { notification_url: `${rx.url}?tenant=7` });
    await rx.waitFor(1);
    const log = await caja.request({ method: 'GET', url: `/sandbox/notifications?resource_id=${q.order_id}`, headers: s.auth });
    const [d] = log.json().results;
    expect(d).toMatchObject({ kind: 'depay_callback', topic: 'QR', action: 'CREATED', url: `${rx.url}?tenant=7` });
    const failed = await deliveryReaches(caja, s, d.id, 'pending');
    await expect.poll(async () => (await deliveryReaches(caja, s, d.id, 'pending')).attempt_count).toBe(1);
    expect(failed.next_attempt_at).not.toBeNull();

    rx.mode = { kind: 'status', status: 200 };
    await advance(caja, s, 60);
    const done = await deliveryReaches(caja, s, d.id, 'delivered');
    expect(done.attempts.map((a) => a.response_status)).toEqual([500, 200]);
    // Unsigned: Depay's signing scheme is not public.
    const sent = done.attempts[1]!.request;
    expect(Object.keys(sent.headers).map((h) => h.toLowerCase())).not.toContain('x-signature');
    expect(sent.url).toBe(`${rx.url}?tenant=7`);
    expect(rx.received[1]!.query.get('tenant')).toBe('7');
    expect(rx.received[0]!.body).toBe(rx.received[1]!.body);

    const replay = await caja.request({ method: 'POST', url: `/sandbox/notifications/${d.id}/replay`, headers: s.auth });
    expect(replay.statusCode, replay.body).toBe(201);
    await deliveryReaches(caja, s, replay.json().id, 'delivered');
    expect(rx.received).toHaveLength(3);
    expect(rx.received[2]!.body).toBe(rx.received[0]!.body);
  });

  it('gives up after the schedule and records it as failed', async () => {
    rx.mode = { kind: 'status', status: 503 };
    const q = await createQr(caja, s, { notification_url: rx.url });
    const log = await caja.request({ method: 'GET', url: `/sandbox/notifications?resource_id=${q.order_id}`, headers: s.auth });
    const id = log.json().results[0].id as string;
    await expect.poll(async () => (await deliveryReaches(caja, s, id, 'pending')).attempt_count).toBe(1);
    await advance(caja, s, 60);
    await expect.poll(async () => (await deliveryReaches(caja, s, id, 'pending')).attempt_count).toBe(2);
    await advance(caja, s, 300);
    const d = await deliveryReaches(caja, s, id, 'failed');
    expect(d.attempts.map((a) => a.response_status)).toEqual([503, 503, 503]);
    rx.mode = { kind: 'status', status: 200 };
  });
});
