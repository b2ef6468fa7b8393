import { describe, expect, it } from 'vitest';
import { findField, parseEmv } from '../../src/core/emv/index.js';
import { testDialect } from '../support/database.js';
import { managedWallet, order, shop } from '../support/orders-fixtures.js';
import { testbed } from '../support/harness.js';
import { configureWebhooks, sendTestNotification } from '../support/notify.js';
import { recorded } from '../support/statements.js';
import { as, createPos, createStore, extId } from '../support/stores-fixtures.js';

const merchantName = (qr: string) => {
  const parsed = parseEmv(qr);
  if (!parsed.ok) throw new Error(`not an EMV payload: ${qr}`);
  return findField(parsed.value.objects, '59');
};

// On PostgreSQL a create checks the seller, POS, store and options it read before instead of
// reading them (store/verified-reads.ts). Whatever changed since, every answer is the one a fresh
// read gives: a check that fails runs the create again, and a refusal made from a remembered row
// is checked before it is answered. On SQLite the create reads every time; the answers are the same.
describe('a create answers from what holds now, not from what the process read before', () => {
  const caja = testbed({ workers: false });

  it('a POS created after a create named it: 404, then 201', async () => {
    const seller = await caja.seller('MLA');
    const store = await createStore(caja, seller);
    const externalId = extId('LATE');
    const body = { type: 'qr', external_reference: 'r', config: { qr: { external_pos_id: externalId, mode: 'dynamic' } }, transactions: { payments: [{ amount: '50.00' }] } };
    expect((await order(caja, seller, body)).statusCode).toBe(404);
    expect((await order(caja, seller, body)).statusCode).toBe(404);
    await createPos(caja, seller, store, { external_id: externalId });
    const res = await order(caja, seller, body);
    expect(res.statusCode, res.body).toBe(201);
  });

  it('a POS deleted after a create: 404, and nothing of the refused create is kept', async () => {
    const s = await shop(caja, 'MLA');
    expect((await order(caja, s.seller, s.body())).statusCode).toBe(201);
    expect((await order(caja, s.seller, s.body())).statusCode).toBe(201);
    expect((await as(caja, s.seller, { method: 'DELETE', url: `/pos/${s.pos.id}` })).statusCode).toBe(204);
    const r = await recorded(() => order(caja, s.seller, s.body({ config: { qr: { external_pos_id: s.pos.external_id, mode: 'dynamic' } } })));
    expect(r.value.statusCode, r.value.body).toBe(404);
    expect(r.value.json().errors[0].code).toBe('pos_not_found');
    if (testDialect === 'postgres') {
      // The check failed its statement (nothing kept); the create ran again with a fresh read and refused.
      // then the refusal's idempotency lookup (idempotency.ts: a refused command looks its key up).
      expect(r.texts[0]).toMatch(/^with "c0" as/);
      expect(r.texts.slice(1).map((x) => x.split(' ').slice(0, 2).join(' '))).toEqual(['begin', 'select r.*,', 'rollback', 'select *']);
    }
    const kept = await caja.runtime.ctx.store.db.selectFrom('mp_orders').select('id').where('seller_id', '=', s.seller.user_id).execute();
    expect(kept).toHaveLength(2);
  });

  it("the seller's options: a cash-out refused, then allowed once Managed Wallet is on, then refused once off", async () => {
    const s = await shop(caja, 'MLA');
    const cashOut = s.body({ transactions: { payments: [{ amount: '50.00' }], cash_outs: [{ amount: '10.00' }] } });
    expect((await order(caja, s.seller, s.body())).statusCode).toBe(201);
    const refused = await order(caja, s.seller, cashOut);
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json().errors[0].code).toBe('seller_configuration');
    await managedWallet(caja, s.seller, true);
    const allowed = await order(caja, s.seller, cashOut);
    expect(allowed.statusCode, allowed.body).toBe(201);
    await managedWallet(caja, s.seller, false);
    expect((await order(caja, s.seller, cashOut)).statusCode).toBe(400);
    expect((await order(caja, s.seller, s.body())).statusCode).toBe(201);
  });

  it("a store renamed: the next dynamic QR names the store's new name", async () => {
    const s = await shop(caja, 'MLA');
    const dynamic = () => s.body({ config: { qr: { external_pos_id: s.pos.external_id, mode: 'dynamic' } } });
    const before = await order(caja, s.seller, dynamic());
    const name = merchantName(before.json().type_response.qr_data as string);
    expect((await order(caja, s.seller, dynamic())).statusCode).toBe(201);
    const put = await as(caja, s.seller, { method: 'PUT', url: `/users/${s.seller.user_id}/stores/${s.store.id}`, payload: { name: 'Renombrada' } });
    expect(put.statusCode, put.body).toBe(200);
    const after = await order(caja, s.seller, dynamic());
    expect(after.statusCode, after.body).toBe(201);
    expect(merchantName(after.json().type_response.qr_data as string)).toBe('Renombrada');
    expect(name).not.toBe('Renombrada');
  });

  it('creates committed together, one of them from a row that changed: it alone answers 404, the others 201', async () => {
    const shops = await Promise.all(Array.from({ length: 3 }, () => shop(caja, 'MLA')));
    const dynamic = (s: (typeof shops)[number]) => s.body({ config: { qr: { external_pos_id: s.pos.external_id, mode: 'dynamic' } } });
    for (const s of shops) expect((await order(caja, s.seller, dynamic(s))).statusCode).toBe(201);
    const gone = shops[1]!;
    expect((await as(caja, gone.seller, { method: 'DELETE', url: `/pos/${gone.pos.id}` })).statusCode).toBe(204);
    const answers = await Promise.all(shops.map((s) => order(caja, s.seller, dynamic(s))));
    expect(answers.map((a) => a.statusCode)).toEqual([201, 404, 201]);
    const kept = await caja.runtime.ctx.store.db.selectFrom('mp_orders').select('id').where('seller_id', 'in', shops.map((s) => s.seller.user_id)).execute();
    expect(kept).toHaveLength(5);
  });

  it('many sellers and POS at once: each create names its own POS', async () => {
    const shops = await Promise.all(Array.from({ length: 4 }, () => shop(caja, 'MLA')));
    const answers = await Promise.all(shops.flatMap((s) => Array.from({ length: 5 }, () => order(caja, s.seller, s.body()).then((res) => ({ s, res })))));
    for (const { s, res } of answers) {
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().config.qr.external_pos_id).toBe(s.pos.external_id);
    }
  });
});

// An event's deliveries read the seller's webhook configuration the same way.
describe('an event goes where the webhook configuration says now', () => {
  const caja = testbed({ workers: false });

  it('a URL changed, a topic turned off, a URL removed: each next event follows', async () => {
    const seller = await caja.seller('MLA');
    const event = { topic: 'order', data_id: 'ORD01KREMEMBERED0000000000A' };
    const urlOf = async () => {
      const sent = await sendTestNotification(caja, seller, event);
      const d = (await caja.request({ method: 'GET', url: `/sandbox/notifications/${sent.deliveries[0]!.id}`, headers: seller.auth })).json() as { url: string | null; status: string };
      return `${d.status} ${d.url}`;
    };
    await configureWebhooks(caja, seller, { url: 'http://127.0.0.1:9/a', topics: ['order'] });
    expect(await urlOf()).toBe('pending http://127.0.0.1:9/a');
    expect(await urlOf()).toBe('pending http://127.0.0.1:9/a');
    await configureWebhooks(caja, seller, { url: 'http://127.0.0.1:9/b', topics: ['order'] });
    expect(await urlOf()).toBe('pending http://127.0.0.1:9/b');
    await configureWebhooks(caja, seller, { url: 'http://127.0.0.1:9/b', topics: ['payment'] });
    expect(await urlOf()).toMatch(/^skipped /);
    await configureWebhooks(caja, seller, { url: 'http://127.0.0.1:9/c', topics: ['order'] });
    expect(await urlOf()).toBe('pending http://127.0.0.1:9/c');
  });
});
