import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { testbed, type TestSeller } from '../support/harness.js';
import { order, shop, type Shop } from '../support/orders-fixtures.js';
import { until } from '../support/receiver.js';
import { openStream, ticket as sseTicket } from './sse.js';

const caja = testbed();
let port: number;
let a: Shop;
let b: Shop;

beforeAll(async () => {
  await caja.runtime.app.listen({ port: 0, host: '127.0.0.1' });
  port = (caja.runtime.app.server.address() as AddressInfo).port;
  a = await shop(caja, 'MLA');
  b = await shop(caja, 'MLA');
});

const ticket = (s: TestSeller) => sseTicket(caja, s);
const open = (t: string) => openStream(port, t);

const dynamic = (s: Shop) => s.body({ config: { qr: { external_pos_id: s.pos.external_id, mode: 'dynamic' } } });

describe('GET /sandbox/stream', () => {
  it('tells a seller that something of theirs changed, and never another seller', async () => {
    const [sa, sb] = await Promise.all([open(await ticket(a.seller)), open(await ticket(b.seller))]);
    expect(sa.res.statusCode).toBe(200);
    expect(sa.res.headers['content-type']).toMatch(/^text\/event-stream/);
    // ready at once, then the baseline probe's change (the page fetches what it has).
    await until(() => sa.events.filter((e) => e === 'change').length >= 1 && sb.events.filter((e) => e === 'change').length >= 1, 5000, 'baselines');
    expect(sa.events[0]).toBe('ready');
    const [beforeA, beforeB] = [sa.events.length, sb.events.length];
    expect((await order(caja, a.seller, dynamic(a))).statusCode).toBe(201);
    await until(() => sa.events.length > beforeA, 5000, "A's change");
    // Several probe intervals pass: B's stream hears nothing of A's order.
    await new Promise((r) => setTimeout(r, 1500));
    expect(sb.events.length).toBe(beforeB);
    sa.close();
    sb.close();
  });

  it('refuses a missing, forged or expired ticket, and hands tickets only to a valid token', async () => {
    const t = await ticket(a.seller);
    const [sellerId, expiry, mac] = t.split('.');
    for (const bad of ['', 'nope', `${b.seller.user_id}.${expiry}.${mac}`, `${sellerId}.${Number(expiry) + 1}.${mac}`, `${sellerId}.1.${mac}`]) {
      const res = await caja.request({ method: 'GET', url: `/sandbox/stream?ticket=${encodeURIComponent(bad)}` });
      expect(res.statusCode, bad).toBe(bad === '' ? 401 : 401);
      expect(res.json()).toMatchObject({ error: 'unauthorized', status: 401 });
    }
    const anon = await caja.request({ method: 'POST', url: '/sandbox/stream/ticket' });
    expect(anon.statusCode).toBe(401);
    const wrong = await caja.request({ method: 'POST', url: '/sandbox/stream/ticket', headers: { authorization: 'Bearer APP_USR-nobody' } });
    expect(wrong.statusCode).toBe(401);
  });

  it('bounds the streams of one seller, and frees a slot when a stream closes', async () => {
    const t = await ticket(a.seller);
    const streams = await Promise.all(Array.from({ length: 8 }, () => open(t)));
    expect(streams.every((s) => s.res.statusCode === 200)).toBe(true);
    const ninth = await open(t);
    expect(ninth.res.statusCode).toBe(503);
    expect(ninth.res.headers['retry-after']).toBe('5');
    ninth.close();
    streams[0]!.close();
    await until(async () => {
      const again = await open(t);
      again.close();
      return again.res.statusCode === 200;
    }, 5000, 'a freed slot');
    for (const s of streams) s.close();
  });
});
