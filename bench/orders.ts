import { randomUUID } from 'node:crypto';
import { ADMIN, cajaEnv, json, load, serveCaja, startServer, type Load, type Target } from './lib.js';

export interface OrdersResult {
  baselineInsert: Load;
  baselineSelect: Load;
  create: Load;
  get: Load;
  /** One create's answer and one get's, for the stub servers to serve. */
  samples: { created: unknown; got: unknown; body: string };
}

const ORDER = (pos: string) => ({
  type: 'qr',
  external_reference: 'bench_order',
  total_amount: '50.00',
  description: 'Benchmark',
  config: { qr: { external_pos_id: pos, mode: 'dynamic' } },
  transactions: { payments: [{ amount: '50.00' }] },
});

const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;

/** A seller with a store and a POS on a running caja. */
export async function shop(url: string, site = 'MLA') {
  const seller = await json(url, 'POST', '/sandbox/sellers', { token: ADMIN, body: { site_id: site } });
  const token = seller.access_token as string;
  const store = await json(url, 'POST', `/users/${seller.user_id}/stores`, {
    token,
    body: { name: 'Bench', external_id: 'BENCH1', location: { street_number: '1', street_name: 'Calle', city_name: 'CABA', state_name: 'BA', latitude: -34.6, longitude: -58.4 } },
  });
  await json(url, 'POST', '/pos', { token, body: { name: 'Caja', fixed_amount: true, store_id: store.id, external_store_id: 'BENCH1', external_id: 'BENCHPOS1' } });
  return { seller, token, pos: 'BENCHPOS1' };
}

export async function benchOrders(target: Target, seconds: number): Promise<OrdersResult> {
  const body = JSON.stringify(ORDER('BENCHPOS1'));
  const baseline = await startServer('bin/run-ts.js', ['bench/baseline-server.ts'], await target.fresh());
  let baselineInsert: Load;
  let baselineSelect: Load;
  try {
    baselineInsert = await load({ url: baseline.url, duration: seconds, requests: [{ method: 'POST', path: '/rows', headers: { 'content-type': 'application/json' }, body }] }, baseline.child.pid);
    const rowIds: string[] = [];
    for (let i = 0; i < 200; i++) rowIds.push((await json(baseline.url, 'POST', '/rows', { body: ORDER('x') })).id);
    baselineSelect = await load({ url: baseline.url, duration: seconds, requests: [{ method: 'GET', setupRequest: (r) => ({ ...r, path: `/rows/${pick(rowIds)}` }) }] }, baseline.child.pid);
  } finally {
    await baseline.stop();
  }

  const caja = await serveCaja(cajaEnv(await target.fresh()));
  try {
    const { token } = await shop(caja.url);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
    const create = await load({
      url: caja.url,
      duration: seconds,
      requests: [{ method: 'POST', path: '/v1/orders', body, setupRequest: (r) => ({ ...r, headers: { ...headers, 'x-idempotency-key': randomUUID() } }) }],
    }, caja.child.pid);
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) ids.push((await json(caja.url, 'POST', '/v1/orders', { token, body: ORDER('BENCHPOS1'), headers: { 'x-idempotency-key': randomUUID() } })).id);
    const get = await load({ url: caja.url, duration: seconds, requests: [{ method: 'GET', headers, setupRequest: (r) => ({ ...r, path: `/v1/orders/${pick(ids)}` }) }] }, caja.child.pid);
    const created = await json(caja.url, 'POST', '/v1/orders', { token, body: ORDER('BENCHPOS1'), headers: { 'x-idempotency-key': randomUUID() } });
    const got = await json(caja.url, 'GET', `/v1/orders/${created.id}`, { token });
    return { baselineInsert, baselineSelect, create, get, samples: { created, got, body } };
  } finally {
    await caja.stop();
  }
}
