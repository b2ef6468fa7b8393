import { beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { expectOrdersError, order, orderCount, shop, type Shop } from '../support/orders-fixtures.js';

type Edit = (b: Record<string, any>, s: Shop) => void;
const pay = (amount: unknown): Edit => (b) => void (b.transactions = { payments: [{ amount }] });
const set = (k: string, v: unknown): Edit => (b) => void (b[k] = v);
const item = (i: number) => ({ title: `Item ${i}`, unit_price: '1.00', quantity: 1 });

describe('POST /v1/orders: refusals', () => {
  const caja = testbed();
  let s: Shop;
  beforeAll(async () => {
    s = await shop(caja, 'MLA');
  });

  /** Sends s.body() changed by `edit`, checks status/code/detail, and that no order was stored. */
  async function refused(edit: Edit, status: number, code: string, detail?: string, sh = s) {
    const body = sh.body();
    edit(body, sh);
    const before = await orderCount(caja, sh.seller);
    const res = await order(caja, sh.seller, body);
    const errors = expectOrdersError(res, status, code, detail);
    expect(await orderCount(caja, sh.seller), 'an order was stored').toBe(before);
    return errors;
  }

  describe('amounts', () => {
    it.each(['1.234', '-1', '1e3', '', 'abc', '0', '0.00', ' 5', '5,00', '١٢'])('payment amount %j → 400 property_value naming the path', async (amount) => {
      await refused(pay(amount), 400, 'property_value', "'$.transactions.payments[0].amount'");
    });

    it.each([true, null, {}, ['1']])('payment amount %j → 400 property_type naming the path', async (amount) => {
      await refused(pay(amount), 400, 'property_type', "'$.transactions.payments[0].amount'");
    });

    it('total_amount "abc" → 400 property_value naming $.total_amount', async () => {
      await refused(set('total_amount', 'abc'), 400, 'property_value', "'$.total_amount'");
    });

    it('total_amount not equal to the sum of the transactions → 400 property_value', async () => {
      await refused(set('total_amount', '60.00'), 400, 'property_value', "'$.total_amount'");
    });

    it('a payment plus a cash-out whose sum overflows → 400 property_value, not 500', async () => {
      const huge = '90071992547409.91';
      await refused(set('transactions', { payments: [{ amount: huge }], cash_outs: [{ amount: huge }] }), 400, 'property_value', "'$.total_amount'", await shop(caja));
    });

    it('a dynamic order whose amount does not fit EMV tag 54 (at most 13 characters) → 400 property_value', async () => {
      const edit: Edit = (b, sh) => {
        b.config = { qr: { external_pos_id: sh.pos.external_id, mode: 'dynamic' } };
        b.transactions = { payments: [{ amount: '12345678901.00' }] };
      };
      await refused(edit, 400, 'property_value', "'$.transactions.payments[0].amount'", await shop(caja));
    });

    it('a discount above the total, or discounts with item categories → 400 property_value', async () => {
      await refused(set('discounts', { payment_methods: [{ type: 'account_money', new_total_amount: '50.01' }] }), 400, 'property_value', "'$.discounts.payment_methods[0].new_total_amount'");
      await refused((b) => {
        b.discounts = { payment_methods: [{ type: 'account_money', new_total_amount: '40.00' }] };
        b.items = [{ title: 'x', unit_price: '50.00', quantity: 1, external_categories: [{ id: 'food' }] }];
      }, 400, 'property_value', "'$.discounts'");
      await refused(set('discounts', { payment_methods: [{ type: 'cash', new_total_amount: '40.00' }] }), 400, 'property_value', "'$.discounts.payment_methods[0].type'");
    });

    it('CLP refuses decimals', async () => {
      const clp = await shop(caja, 'MLC');
      const res = await order(caja, clp.seller, clp.body({ transactions: { payments: [{ amount: '50.5' }] } }));
      expectOrdersError(res, 400, 'property_value', "'$.transactions.payments[0].amount'");
      expect(await orderCount(caja, clp.seller)).toBe(0);
    });
  });

  describe('structure', () => {
    it('missing transactions → 400 required_properties with the catalogue detail', async () => {
      await refused((b) => delete b.transactions, 400, 'required_properties', "missing properties: '$.transactions'");
    });

    it.each([
      ['external_reference', "'$.external_reference'"],
      ['config', "'$.config'"],
      ['type', "'$.type'"],
    ])('missing %s → 400 required_properties', async (k, path) => {
      await refused((b) => delete b[k], 400, 'required_properties', path);
    });

    it('missing config.qr.external_pos_id → 400 required_properties', async () => {
      await refused(set('config', { qr: {} }), 400, 'required_properties', "'$.config.qr.external_pos_id'");
    });

    it('transactions {} → 400 minimum_properties', async () => {
      await refused(set('transactions', {}), 400, 'minimum_properties', "'$.transactions'");
    });

    it('two payments → 400 maximum_items', async () => {
      await refused(set('transactions', { payments: [{ amount: '25.00' }, { amount: '25.00' }] }), 400, 'maximum_items', "'$.transactions.payments'");
    });

    it('an empty payments array → 400 minimum_items', async () => {
      await refused(set('transactions', { payments: [] }), 400, 'minimum_items', "'$.transactions.payments'");
    });

    it('11 items → 400 maximum_items', async () => {
      await refused(set('items', Array.from({ length: 11 }, (_, i) => item(i))), 400, 'maximum_items', "'$.items'");
    });

    it.each([
      ['65 characters', 'a'.repeat(65)],
      ['a space', 'ext ref'],
      ['an accent', 'pedido-ñ'],
      ['empty', ''],
    ])('external_reference with %s → 400 property_value', async (_, ref) => {
      await refused(set('external_reference', ref), 400, 'property_value', "'$.external_reference'");
    });

    it.each(['PT10S', 'PT29S', 'P200D', 'garbage', 'PT3601H', 'PT', '15M', ''])('expiration_time %j → 400 property_value', async (e) => {
      await refused(set('expiration_time', e), 400, 'property_value', "'$.expiration_time'");
    });

    it.each([
      ['external_reference', 123, "'$.external_reference'"],
      ['expiration_time', 900, "'$.expiration_time'"],
      ['config', 'static', "'$.config'"],
      ['description', ['a'], "'$.description'"],
      ['items', { title: 'x' }, "'$.items'"],
    ])('%s of the wrong type → 400 property_type', async (k, v, path) => {
      await refused(set(k, v), 400, 'property_type', path);
    });

    it('an item quantity sent as a string → 400 property_type', async () => {
      await refused(set('items', [{ title: 'x', unit_price: '1.00', quantity: '2' }]), 400, 'property_type', "'$.items[0].quantity'");
    });

    it('config.qr.mode "printed" → 400 property_value', async () => {
      await refused((b, sh) => void (b.config = { qr: { external_pos_id: sh.pos.external_id, mode: 'printed' } }), 400, 'property_value', "'$.config.qr.mode'");
    });

    it('a description of 151 characters → 400 property_value', async () => {
      await refused(set('description', 'd'.repeat(151)), 400, 'property_value', "'$.description'");
    });

    it('notification_url → 400 unsupported_properties with the documented detail', async () => {
      await refused(set('notification_url', 'https://example.com/hook'), 400, 'unsupported_properties', "additionalProperties '$.notification_url' not allowed");
    });

    it('an unknown nested property → 400 unsupported_properties naming it', async () => {
      await refused(set('transactions', { payments: [{ amount: '50.00', currency: 'ARS' }] }), 400, 'unsupported_properties', "'$.transactions.payments[0].currency'");
    });

    it.each(['online', 'QR', ''])('type %j → 400 invalid_order_type (or property_value when empty)', async (type) => {
      await refused(set('type', type), 400, type === '' ? 'property_value' : 'invalid_order_type');
    });

    it('a JSON array body → 400 property_type', async () => {
      const res = await order(caja, s.seller, '[]');
      expectOrdersError(res, 400, 'property_type');
    });

    it.each(['{"type":"qr",', '{type:qr}', "{'a':1}", 'null x'])('malformed JSON %j → 400 json_syntax_error', async (text) => {
      const res = await order(caja, s.seller, text);
      expectOrdersError(res, 400, 'json_syntax_error');
      expect(await orderCount(caja, s.seller)).toBe(0);
    });
  });

  describe('references to other things', () => {
    it('an unknown external_pos_id → 404 pos_not_found', async () => {
      await refused((b) => void (b.config = { qr: { external_pos_id: 'NOSUCHPOS1' } }), 404, 'pos_not_found');
    });

    it("another seller's POS → 404 pos_not_found", async () => {
      const other = await shop(caja, 'MLA');
      await refused((b) => void (b.config = { qr: { external_pos_id: other.pos.external_id } }), 404, 'pos_not_found');
      expect(await orderCount(caja, other.seller)).toBe(0);
      expect(await orderCount(caja, s.seller)).toBe(0);
    });

    it('marketplace_fee → 404 marketplace_fee_not_allowed', async () => {
      await refused(set('marketplace_fee', '1.00'), 404, 'marketplace_fee_not_allowed');
    });

    it('sponsor.id of the seller itself → 400 sponsor_id_not_valid', async () => {
      await refused(set('integration_data', { sponsor: { id: String(s.seller.user_id) } }), 400, 'sponsor_id_not_valid');
    });

    it('an unknown sponsor.id → 400 sponsor_id_not_valid', async () => {
      await refused(set('integration_data', { sponsor: { id: '999999999' } }), 400, 'sponsor_id_not_valid');
    });

    it.each(['1234', 'DEV_1234', 'dev_', 'prod_1'])('integrator_id %j without the dev_ prefix → 400 property_value', async (id) => {
      await refused(set('integration_data', { integrator_id: id }), 400, 'property_value', "'$.integration_data.integrator_id'");
    });

    it.each(['MCO', 'MPE'])('a seller of %s → 400 unsupported_site', async (site) => {
      const other = await shop(caja, site);
      const res = await order(caja, other.seller, other.body());
      expectOrdersError(res, 400, 'unsupported_site');
      expect(await orderCount(caja, other.seller)).toBe(0);
    });
  });

  describe('authentication', () => {
    it('no token → 401 unauthorized in the Orders envelope', async () => {
      expectOrdersError(await order(caja, null, s.body()), 401, 'unauthorized');
    });

    it('an unknown token → 401 unauthorized in the Orders envelope', async () => {
      const res = await caja.request({ method: 'POST', url: '/v1/orders', headers: { authorization: 'Bearer APP_USR-nope', 'x-idempotency-key': 'k1', 'content-type': 'application/json' }, payload: s.body() });
      expectOrdersError(res, 401, 'unauthorized');
      expect(await orderCount(caja, s.seller)).toBe(0);
    });

    // The create reads its seller in its transaction's first statement (auth.ts sellerInRead), and
    // requireSeller still refuses a token no seller holds before the body is read: an unknown token
    // is 401 whatever else is wrong (the body, the JSON, the content type, the key header).
    it('an unknown token → 401 before a bad body, bad JSON, a wrong content type or a missing key; a known one gets each refusal', async () => {
      const nope = { authorization: 'Bearer APP_USR-nope' };
      const bad = s.body({ external_reference: 42 });
      const cases = [
        { name: 'schema', headers: { 'x-idempotency-key': 'k-a', 'content-type': 'application/json' }, payload: JSON.stringify(bad), known: [400, 'property_type'] },
        { name: 'json', headers: { 'x-idempotency-key': 'k-b', 'content-type': 'application/json' }, payload: '{"type":', known: [400, 'json_syntax_error'] },
        { name: 'content type', headers: { 'x-idempotency-key': 'k-c', 'content-type': 'text/plain' }, payload: 'x', known: [415, 'unsupported_media_type'] },
        { name: 'no key', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(s.body()), known: [400, 'empty_required_header'] },
      ] as const;
      for (const c of cases) {
        const unknown = await caja.request({ method: 'POST', url: '/v1/orders', headers: { ...nope, ...c.headers }, payload: c.payload });
        expectOrdersError(unknown, 401, 'unauthorized');
        const known = await caja.request({ method: 'POST', url: '/v1/orders', headers: { authorization: `Bearer ${s.seller.access_token}`, ...c.headers }, payload: c.payload });
        expectOrdersError(known, c.known[0], c.known[1]);
      }
      const point = await caja.request({ method: 'POST', url: '/v1/orders', headers: { ...nope, 'x-idempotency-key': 'k-p', 'content-type': 'application/json' }, payload: { type: 'point', external_reference: 'p', transactions: { payments: [{ amount: '10.00' }] }, config: { point: { terminal_id: 'NOPE' } } } });
      expectOrdersError(point, 401, 'unauthorized');
      expect(await orderCount(caja, s.seller)).toBe(0);
    });
  });

  describe('several problems at once', () => {
    it('lists every schema problem, each under its own code', async () => {
      const body = s.body({ notification_url: 'https://x.test', external_reference: 42 });
      delete body.transactions;
      const res = await order(caja, s.seller, body);
      expectOrdersError(res, 400, 'required_properties', "'$.transactions'");
      expectOrdersError(res, 400, 'unsupported_properties', "'$.notification_url'");
      expectOrdersError(res, 400, 'property_type', "'$.external_reference'");
      expect(await orderCount(caja, s.seller)).toBe(0);
    });

    it('lists every value problem in the property_value details', async () => {
      const body = s.body({ expiration_time: 'garbage', transactions: { payments: [{ amount: 'abc' }] }, items: [{ title: 'x', unit_price: '1.001', quantity: 1 }] });
      const res = await order(caja, s.seller, body);
      const [e] = expectOrdersError(res, 400, 'property_value');
      for (const path of ['$.expiration_time', '$.transactions.payments[0].amount', '$.items[0].unit_price']) {
        expect(e!.details.some((d) => d.includes(`'${path}'`)), `${path} missing from ${res.body}`).toBe(true);
      }
    });
  });
});
