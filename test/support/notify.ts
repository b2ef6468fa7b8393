import { expect } from 'vitest';
import type { Harness, TestSeller } from './harness.js';
import { until } from './receiver.js';

export async function configureWebhooks(caja: Harness, s: TestSeller, body: Record<string, unknown>) {
  const res = await caja.request({ method: 'PUT', url: `/sandbox/sellers/${s.user_id}/webhooks`, headers: s.auth, payload: body });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { secret: string; url: string | null; topics: string[] };
}

export async function sendTestNotification(caja: Harness, s: TestSeller, body: Record<string, unknown>) {
  const res = await caja.request({ method: 'POST', url: '/sandbox/notifications/test', headers: s.auth, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { event_id: string; deliveries: Array<{ id: string; status: string; last_error: string | null }> };
}

export interface DeliveryView {
  id: string;
  status: string;
  attempt_count: number;
  next_attempt_at: string | null;
  last_error: string | null;
  replay_of: string | null;
  request_id: string;
  attempts: Array<{ number: number; response_status: number | null; error: string | null; response_body?: string | null; request: { url: string; headers: Record<string, string>; body: string } }>;
}

export async function delivery(caja: Harness, s: TestSeller, id: string): Promise<DeliveryView> {
  const res = await caja.request({ method: 'GET', url: `/sandbox/notifications/${id}`, headers: s.auth });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as DeliveryView;
}

/** Waits until a delivery reaches a status (the worker runs in the background). */
export async function deliveryReaches(caja: Harness, s: TestSeller, id: string, status: string, timeoutMs = 10_000): Promise<DeliveryView> {
  let last: DeliveryView | undefined;
  await until(async () => {
    last = await delivery(caja, s, id);
    return last.status === status;
  }, timeoutMs, `delivery ${id} to be ${status} (is ${last?.status})`);
  return last!;
}

export async function advance(caja: Harness, s: TestSeller, seconds: number) {
  const res = await caja.request({ method: 'POST', url: '/sandbox/clock/advance', headers: s.auth, payload: { seconds } });
  expect(res.statusCode, res.body).toBe(200);
}
