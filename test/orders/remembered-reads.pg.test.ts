import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCaja, type Harness } from '../support/harness.js';
import { managedWallet, order, shop, type Shop } from '../support/orders-fixtures.js';
import { as } from '../support/stores-fixtures.js';

// Two caja runtimes on one PostgreSQL, each remembering what its creates read
// (store/verified-reads.ts): a change made through one is seen by the other's
// next create, with no signal between them.
let one: Harness;
let two: Harness;

beforeAll(async () => {
  one = await startCaja({ workers: false });
  two = await startCaja({ database: one.db, workers: false });
});
afterAll(async () => {
  await two?.close({ keepDatabase: true });
  await one?.close();
});

describe("a create checks what its process read before against the other process's changes", () => {
  const dynamic = (s: Shop) => s.body({ config: { qr: { external_pos_id: s.pos.external_id, mode: 'dynamic' } } });

  it('a POS deleted through the other process: 404', async () => {
    const s = await shop(one, 'MLA');
    for (let i = 0; i < 3; i++) expect((await order(one, s.seller, dynamic(s))).statusCode).toBe(201);
    expect((await as(two, s.seller, { method: 'DELETE', url: `/pos/${s.pos.id}` })).statusCode).toBe(204);
    const res = await order(one, s.seller, dynamic(s));
    expect(res.statusCode, res.body).toBe(404);
    expect(res.json().errors[0].code).toBe('pos_not_found');
  });

  it('Managed Wallet turned on through the other process: the cash-out is allowed', async () => {
    const s = await shop(one, 'MLA');
    const cashOut = s.body({ transactions: { payments: [{ amount: '50.00' }], cash_outs: [{ amount: '10.00' }] } });
    expect((await order(one, s.seller, dynamic(s))).statusCode).toBe(201);
    expect((await order(one, s.seller, cashOut)).statusCode).toBe(400);
    await managedWallet(two, s.seller, true);
    const res = await order(one, s.seller, cashOut);
    expect(res.statusCode, res.body).toBe(201);
  });
});
