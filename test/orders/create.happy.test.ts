import { hasError, isDynamicPix, parsePix } from 'pix-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { crc16ccitt, findField, parseEmv } from '../../src/core/emv/index.js';
import { testbed } from '../support/harness.js';
import { created, getOrder, idOf, ISO_MS, order, shop, SITE_MONEY, type OrderSite, type Shop, managedWallet, mpOptions, orderCount, expectOrdersError } from '../support/orders-fixtures.js';

const APP_ID = /^\d+$/;

describe('POST /v1/orders (type qr): the happy path', () => {
  const caja = testbed();
  let mla: Shop;
  beforeAll(async () => {
    mla = await shop(caja, 'MLA');
  });

  const mode = (s: Shop, m: string) => ({ config: { qr: { external_pos_id: s.pos.external_id, mode: m } } });

  it('static: answers 201 with exactly the fields of the guide example, and no type_response', async () => {
    const body = mla.body({ external_reference: 'ExtRef_123456', total_amount: '50.00' });
    const before = Date.now();
    const res = await order(caja, mla.seller, body);
    expect(res.statusCode, res.body).toBe(201);
    const o = res.json();
    expect(o).toEqual({
      id: expect.stringMatching(idOf('ORD')),
      type: 'qr',
      processing_mode: 'automatic',
      external_reference: 'ExtRef_123456',
      total_amount: '50.00',
      expiration_time: 'PT15M',
      country_code: 'ARG',
      user_id: String(mla.seller.user_id),
      status: 'created',
      status_detail: 'created',
      currency: 'ARS',
      created_date: expect.stringMatching(ISO_MS),
      last_updated_date: expect.stringMatching(ISO_MS),
      integration_data: { application_id: expect.stringMatching(APP_ID) },
      transactions: { payments: [{ id: expect.stringMatching(idOf('PAY')), amount: '50.00', status: 'created', status_detail: 'ready_to_process' }] },
      config: { qr: { external_pos_id: mla.pos.external_id, mode: 'static' } },
    });
    expect(o.last_updated_date).toBe(o.created_date);
    expect(Date.parse(o.created_date)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(o.created_date)).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('gives the order and its transaction ids the same first 19 characters after the prefix, and a fresh id per order', async () => {
    const a = await created(caja, mla.seller, mla.body());
    const b = await created(caja, mla.seller, mla.body());
    const pay = a.transactions.payments[0].id as string;
    expect(pay.slice(3, 22)).toBe((a.id as string).slice(3, 22));
    expect(pay).not.toBe(a.id.replace(/^ORD/, 'PAY'));
    expect(b.id).not.toBe(a.id);
    expect(b.transactions.payments[0].id).not.toBe(pay);
  });

  it('the GET answers the same document the create did', async () => {
    const o = await created(caja, mla.seller, mla.body({ description: 'Smartphone' }));
    const res = await getOrder(caja, mla.seller, o.id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual(o);
  });

  describe.each(Object.entries(SITE_MONEY) as Array<[OrderSite, (typeof SITE_MONEY)[OrderSite]]>)('site %s', (site, [country, currency, numeric, amount, alpha2]) => {
    it.each(['dynamic', 'hybrid'])('%s: type_response.qr_data is a valid EMV code for this order', async (m) => {
      const s = await shop(caja, site);
      const o = await created(caja, s.seller, s.body(mode(s, m)));
      expect(o).toMatchObject({ country_code: country, currency, total_amount: amount, config: { qr: { mode: m } } });
      expect(o.transactions.payments[0].amount).toBe(amount);
      expect(Object.keys(o.type_response)).toEqual(['qr_data']);
      const qr = o.type_response.qr_data as string;
      expect(qr.slice(-4)).toBe(crc16ccitt(qr.slice(0, -4)));
      const parsed = parseEmv(qr);
      if (!parsed.ok) throw new Error(`qr_data does not parse: ${parsed.error.message}`);
      const objs = parsed.value.objects;
      expect(findField(objs, '00')).toBe('01');
      expect(findField(objs, '01')).toBe('12');
      expect(findField(objs, '54')).toBe(amount);
      expect(findField(objs, '53')).toBe(numeric);
      expect(findField(objs, '58')).toBe(alpha2);
      if (site === 'MLB') {
        const pix = parsePix(qr);
        if (hasError(pix)) throw new Error(`pix-utils refused qr_data: ${pix.message}`);
        expect(isDynamicPix(pix)).toBe(true);
        expect(pix).toMatchObject({ transactionCurrency: '986', countryCode: 'BR', url: expect.stringMatching(/^caja\.test\/pix\/v2\/\S+$/) });
      }
    });

    it('static orders carry no type_response, and each dynamic order has its own code', async () => {
      const s = await shop(caja, site);
      expect(await created(caja, s.seller, s.body())).not.toHaveProperty('type_response');
      const a = await created(caja, s.seller, s.body(mode(s, 'dynamic')));
      const b = await created(caja, s.seller, s.body(mode(s, 'dynamic')));
      expect(a.type_response.qr_data).not.toBe(b.type_response.qr_data);
    });
  });

  it('CLP has no decimals: "5000" and 5000 both answer "5000"', async () => {
    const s = await shop(caja, 'MLC');
    for (const amount of ['5000', 5000]) {
      const o = await created(caja, s.seller, s.body({ total_amount: amount, transactions: { payments: [{ amount }] } }));
      expect(o.total_amount).toBe('5000');
      expect(o.transactions.payments[0].amount).toBe('5000');
    }
  });

  it.each([
    [50, 50, '50.00'],
    [10.5, '10.5', '10.50'],
    ['7', 7, '7.00'],
  ])('amounts sent as %j / %j are answered as the string %s', async (total, amount, want) => {
    const o = await created(caja, mla.seller, mla.body({ total_amount: total, transactions: { payments: [{ amount }] } }));
    expect(o.total_amount).toBe(want);
    expect(o.transactions.payments[0].amount).toBe(want);
  });

  it('total_amount defaults to the sum of the transactions', async () => {
    const o = await created(caja, mla.seller, mla.body({ transactions: { payments: [{ amount: '12.34' }] } }));
    expect(o.total_amount).toBe('12.34');
  });

  it('cash-out (seed example): cash_outs with a CAS id, additional_info echoed, no payments', async () => {
    const s = await shop(caja, 'MLM');
    await managedWallet(caja, s.seller);
    const body = s.body({ external_reference: 'ExtRef_123456', total_amount: '100.00', expiration_time: 'PT15M', transactions: { cash_outs: [{ amount: '100.00', additional_info: { external_cashier_id: 123445 } }] } });
    const o = await created(caja, s.seller, body);
    expect(o).toMatchObject({ total_amount: '100.00', country_code: 'MEX', currency: 'MXN', status: 'created', status_detail: 'created' });
    expect(o.transactions).toEqual({
      cash_outs: [{ id: expect.stringMatching(idOf('CAS')), amount: '100.00', status: 'created', status_detail: 'ready_to_process', additional_info: { external_cashier_id: 123445 } }],
    });
    expect(o.transactions.cash_outs[0].id.slice(3, 22)).toBe(o.id.slice(3, 22));
  });

  it('extra cash: a payment and a cash-out, total_amount their sum', async () => {
    const s = await shop(caja, 'MLB');
    await managedWallet(caja, s.seller);
    const o = await created(caja, s.seller, s.body({ total_amount: '50.00', transactions: { payments: [{ amount: '30.00' }], cash_outs: [{ amount: 20 }] } }));
    expect(o.total_amount).toBe('50.00');
    expect(o.transactions.payments).toEqual([expect.objectContaining({ id: expect.stringMatching(idOf('PAY')), amount: '30.00' })]);
    expect(o.transactions.cash_outs).toEqual([expect.objectContaining({ id: expect.stringMatching(idOf('CAS')), amount: '20.00' })]);
    const ids = [o.id, o.transactions.payments[0].id, o.transactions.cash_outs[0].id].map((i: string) => i.slice(3, 22));
    expect(new Set(ids).size).toBe(1);
  });

  it('cash-out and extra cash without a Managed Wallet seller: 400 seller_configuration, nothing stored', async () => {
    const s = await shop(caja, 'MLB');
    const before = await orderCount(caja, s.seller);
    expectOrdersError(await order(caja, s.seller, s.body({ total_amount: '50.00', transactions: { payments: [{ amount: '30.00' }], cash_outs: [{ amount: 20 }] } })), 400, 'seller_configuration');
    expectOrdersError(await order(caja, s.seller, s.body({ total_amount: '20.00', transactions: { cash_outs: [{ amount: 20 }] } })), 400, 'seller_configuration');
    expect(await orderCount(caja, s.seller)).toBe(before);
  });

  it('a cash-out for an unknown POS: seller_configuration first without a Managed Wallet, then pos_not_found with one', async () => {
    const s = await shop(caja, 'MLB');
    const body = s.body({ total_amount: '20.00', config: { qr: { external_pos_id: 'NOSUCHPOS1' } }, transactions: { cash_outs: [{ amount: 20 }] } });
    expectOrdersError(await order(caja, s.seller, body), 400, 'seller_configuration');
    await managedWallet(caja, s.seller);
    expectOrdersError(await order(caja, s.seller, body), 404, 'pos_not_found');
  });

  it('static QR expiry: the value sent is honoured (seed 003); with the seller option, capped at 10 minutes', async () => {
    const s = await shop(caja, 'MLA');
    expect((await created(caja, s.seller, s.body({ expiration_time: 'PT40M' }))).expiration_time).toBe('PT40M');
    await mpOptions(caja, s.seller, { static_qr_expiry_cap: true });
    expect((await created(caja, s.seller, s.body({ expiration_time: 'PT40M' }))).expiration_time).toBe('PT10M');
    expect((await created(caja, s.seller, s.body({}))).expiration_time).toBe('PT10M');
    expect((await created(caja, s.seller, s.body({ expiration_time: 'PT5M' }))).expiration_time).toBe('PT5M');
    // Dynamic codes honour the value either way.
    expect((await created(caja, s.seller, s.body({ expiration_time: 'PT40M', config: { qr: { external_pos_id: s.pos.external_id, mode: 'dynamic' } } }))).expiration_time).toBe('PT40M');
  });

  it('accepts 10 items and echoes them', async () => {
    const items = Array.from({ length: 10 }, (_, i) => ({ title: `Item ${i}`, unit_price: '5.00', quantity: 1, unit_measure: 'unit', external_code: `SKU${i}` }));
    const o = await created(caja, mla.seller, mla.body({ items }));
    expect(o.items).toEqual(items);
  });

  it('answers item unit prices as strings in the currency precision, even when sent as numbers', async () => {
    const items = [{ title: 'Coffee', unit_price: 10, quantity: 2 }, { title: 'Cake', unit_price: '12.5', quantity: 1 }];
    const o = await created(caja, mla.seller, mla.body({ items }));
    expect(o.items.map((i: { unit_price: unknown }) => i.unit_price)).toEqual(['10.00', '12.50']);
  });

  it('echoes discounts with new_total_amount as a string', async () => {
    const discounts = { payment_methods: [{ type: 'account_money', new_total_amount: '47.28' }, { type: 'debit_card', new_total_amount: 48 }] };
    const o = await created(caja, mla.seller, mla.body({ discounts }));
    expect(o.discounts).toEqual({ payment_methods: [{ type: 'account_money', new_total_amount: '47.28' }, { type: 'debit_card', new_total_amount: '48.00' }] });
  });

  it('echoes integration_data (platform_id, integrator_id dev_…, sponsor another seller) beside application_id', async () => {
    const sponsor = await caja.seller('MLA');
    const integration_data = { platform_id: 'dev_1234567890', integrator_id: 'dev_1234', sponsor: { id: String(sponsor.user_id) } };
    const o = await created(caja, mla.seller, mla.body({ integration_data }));
    expect(o.integration_data).toEqual({ application_id: expect.stringMatching(APP_ID), ...integration_data });
  });

  it.each(['PT16M', 'PT30S', 'PT3600H', 'P1DT2H'])('respects expiration_time %s', async (expiration_time) => {
    const o = await created(caja, mla.seller, mla.body({ expiration_time }));
    expect(o.expiration_time).toBe(expiration_time);
  });

  it('accepts processing_mode automatic and an explicit static mode, description echoed', async () => {
    const o = await created(caja, mla.seller, mla.body({ processing_mode: 'automatic', description: 'Smartphone', ...mode(mla, 'static') }));
    expect(o).toMatchObject({ processing_mode: 'automatic', description: 'Smartphone', config: { qr: { mode: 'static' } } });
  });

  it('accepts an external_reference of 64 allowed characters', async () => {
    const ref = 'Ab0_-'.repeat(12) + 'Zz09';
    expect(ref).toHaveLength(64);
    expect((await created(caja, mla.seller, mla.body({ external_reference: ref }))).external_reference).toBe(ref);
  });
});
