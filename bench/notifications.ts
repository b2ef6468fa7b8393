import { ADMIN, json, load, paced, percentile, receiver, startServer, WARMUP_SECONDS, type Target } from './lib.js';

export interface NotificationsResult {
  /** At a steady 500 events/s (one every 2 ms): commit-to-receipt latency. */
  rate: number;
  sent: number;
  delivered: number;
  p50: number;
  p99: number;
  max: number;
  /** Saturated: events committed and delivered per second, as fast as caja goes. */
  saturatedPerSecond: number;
}

async function drained(arrivals: unknown[], expected: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (arrivals.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

export async function benchNotifications(target: Target, seconds: number): Promise<NotificationsResult> {
  const rx = await receiver();
  const caja = await startServer('bin/caja.js', ['serve'], { ...(await target.fresh()), PORT: '0', LOG_LEVEL: 'warn', CAJA_SEED: 'off', CAJA_ADMIN_TOKEN: ADMIN });
  try {
    const seller = await json(caja.url, 'POST', '/sandbox/sellers', { token: ADMIN, body: { site_id: 'MLA' } });
    const token = seller.access_token as string;
    await json(caja.url, 'PUT', `/sandbox/sellers/${seller.user_id}/webhooks`, { token, body: { url: rx.url, topics: ['order'] } });
    const request = {
      method: 'POST' as const,
      path: '/sandbox/notifications/test',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ topic: 'order', data_id: 'ORD01BENCH0000000000000000000' }),
    };
    const rate = 500;
    await paced(caja.url, rate, WARMUP_SECONDS, request);
    await drained(rx.arrivals, rate * WARMUP_SECONDS);
    rx.arrivals.length = 0;
    const sent = await paced(caja.url, rate, seconds, request);
    await drained(rx.arrivals, sent);
    const latencies = rx.arrivals.map((a) => a.at - a.created).sort((a, b) => a - b);
    const delivered = rx.arrivals.length;

    rx.arrivals.length = 0;
    const saturated = await load({ url: caja.url, duration: seconds, connections: 50, requests: [request] });
    const total = saturated.ok;
    const t0 = Date.now() - seconds * 1000;
    await drained(rx.arrivals, total, 60_000);
    const last = rx.arrivals.at(-1)?.at ?? Date.now();
    return {
      rate,
      sent,
      delivered,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? NaN,
      saturatedPerSecond: Math.round(rx.arrivals.length / ((last - t0) / 1000)),
    };
  } finally {
    await caja.stop();
    await rx.close();
  }
}
