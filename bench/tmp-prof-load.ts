import { randomUUID } from 'node:crypto';
import { json, load, ADMIN } from './lib.js';
import { shop } from './orders.js';
const url = process.argv[2]!;
const kind = process.argv[3] ?? 'create';
const { token } = await shop(url);
const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
const body = JSON.stringify({ type: 'qr', external_reference: 'b', total_amount: '50.00', config: { qr: { external_pos_id: 'BENCHPOS1', mode: 'dynamic' } }, transactions: { payments: [{ amount: '50.00' }] } });
if (kind === 'create') {
  console.log(JSON.stringify(await load({ url, duration: 5, requests: [{ method: 'POST', path: '/v1/orders', body, setupRequest: (r) => ({ ...r, headers: { ...headers, 'x-idempotency-key': randomUUID() } }) }] })));
} else {
  const o = await json(url, 'POST', '/v1/orders', { token, body: JSON.parse(body), headers: { 'x-idempotency-key': randomUUID() } });
  console.log(JSON.stringify(await load({ url, duration: 5, requests: [{ method: 'GET', path: `/v1/orders/${o.id}`, headers }] })));
}
void ADMIN;
