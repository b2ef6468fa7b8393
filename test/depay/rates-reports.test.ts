import { beforeAll, describe, expect, it } from 'vitest';
import { advance } from '../support/notify.js';
import { testbed } from '../support/harness.js';
import { createQr, depay, depaySeller, expectDepayError, type DepaySeller } from './fixtures.js';

describe('Depay exchange rates (reference §5.4)', () => {
  const caja = testbed();
  let s: DepaySeller;
  beforeAll(async () => {
    s = await depaySeller(caja);
  });
  const rates = (path: string) => depay(caja, s, { method: 'GET', url: `/depay/v2/exchange-rates/rates/payins/${path}` });

  it('answers the reference example for BRL/USD, both ways, as strings', async () => {
    const res = await rates('BRL/USD');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ exchangeRate_1: '0.17', description_xr_1: '1 BRL = 0.17 USD', exchangeRate_2: '5.86', description_xr_2: '1 USD = 5.86 BRL' });
  });

  it('takes a precision (0–8, half-up) and prices any pair of the table', async () => {
    expect((await rates('BRL/USD?precision=4')).json()).toMatchObject({ exchangeRate_1: '0.1706', exchangeRate_2: '5.8600' });
    expect((await rates('ARS/BRL?precision=6')).json()).toMatchObject({ exchangeRate_1: '0.003468', description_xr_2: '1 BRL = 288.390785 ARS' });
    expect((await rates('CLP/CLP?precision=0')).json()).toMatchObject({ exchangeRate_1: '1', exchangeRate_2: '1' });
  });

  it('400s unknown currencies and precisions in the envelope; 401 without a token', async () => {
    expectDepayError(await rates('EUR/USD'), 400, ['base must be one of the following values: ARS, BRL, CLP, COP, MXN, PEN, USD, UYU']);
    expectDepayError(await rates('brl/usd'), 400, [
      'base must be one of the following values: ARS, BRL, CLP, COP, MXN, PEN, USD, UYU',
      'target must be one of the following values: ARS, BRL, CLP, COP, MXN, PEN, USD, UYU',
    ]);
    expectDepayError(await rates('BRL/USD?precision=9'), 400, ['precision must not be greater than 8']);
    expectDepayError(await rates('BRL/USD?precision=x'), 400, ['precision must be an integer number']);
    expectDepayError(await caja.request({ method: 'GET', url: '/depay/v2/exchange-rates/rates/payins/BRL/USD' }), 401, 'Unauthorized');
  });
});

describe('Depay reconciliation file (reference §5.4)', () => {
  const caja = testbed();
  let s: DepaySeller;
  let today: string;
  let ids: { paid: string; pending: string };
  beforeAll(async () => {
    s = await depaySeller(caja, { autoOutcome: false, name: 'Granjas, "Carnave" SA' });
    const paid = await createQr(caja, s, { external_reference: 'ref,with,commas', tax_id: '30707101020' });
    await caja.request({ method: 'POST', url: '/sandbox/wallet/pay', payload: { qr_data: paid.qr_data, payer: { name: 'Ana', tax_id: '20123456786', account: '0000003100010000000017' } } });
    const pending = await createQr(caja, s, { amount: 100, local_currency: 'USD', local_country: 'US' });
    ids = { paid: paid.order_id, pending: pending.order_id };
    // The day the orders were created on (not "now", which could be past midnight).
    const o = await depay(caja, s, { method: 'GET', url: `/depay/v2/payins/orders/${paid.order_id}` });
    today = String(o.json().creation_date).slice(0, 10);
  });
  const report = (q: string) => depay(caja, s, { method: 'GET', url: `/depay/v2/reports/conciliation/payins?${q}` });

  it('exports the seller\'s orders as CSV with the reference\'s columns', async () => {
    const res = await report(`start_date=${today}&end_date=${today}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain(`conciliation_payins_${today}_${today}.csv`);
    const [header, ...rows] = res.body.trimEnd().split('\r\n');
    expect(header).toBe('Status,External Reference,POS External Reference,Order Id,Customer,Collector Name,Collector Identification Number,User Amount,User Currency,User Country,User Name,User Account Number,User Tax ID,Amount USD,Local Amount,Local Currency,Exchange Rate,Date');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toBe(
      `COMPLETED,"ref,with,commas",ABC1s23,${ids.paid},TESTUSER${s.user_id},"Granjas, ""Carnave"" SA",30707101020,2883.91,ARS,AR,Ana,0000003100010000000017,20123456786,1.71,10.00,BRL,0.0035,${rows[0]!.split(',').pop()}`,
    );
    expect(rows[1]).toContain(`CREATED,`);
    expect(rows[1]).toContain(`,${ids.pending},`);
    expect(rows[1]).toContain(',100.00,100.00,USD,');
  });

  it('filters by status and exports txt with | separators', async () => {
    const res = await report(`start_date=${today}&end_date=${today}&status=CREATED&format=txt`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]!.split('|')).toHaveLength(18);
    expect(lines).toHaveLength(2);
    expect(lines[1]!.split('|').slice(0, 4)).toEqual(['CREATED', expect.any(String), 'ABC1s23', ids.pending]);
  });

  it('dates are days on the seller clock: orders two days apart fall in their own days', async () => {
    const t = await depaySeller(caja, { autoOutcome: false });
    const first = await createQr(caja, t);
    await advance(caja, t, 2 * 86_400);
    // The hour-long token has expired on that clock: take a new one with the key.
    const token = (await caja.request({ method: 'GET', url: '/depay/auth/token', headers: { 'x-api-key': t.depay_api_key } })).json().accessToken;
    const later = { ...t, bearer: { authorization: `Bearer ${token}` } };
    const second = await createQr(caja, later);
    const day = async (id: string) => String((await depay(caja, later, { method: 'GET', url: `/depay/v2/payins/orders/${id}` })).json().creation_date).slice(0, 10);
    const [d1, d2] = [await day(first.order_id), await day(second.order_id)];
    expect(d1).not.toBe(d2);
    const ids = async (from: string, to: string) =>
      (await depay(caja, later, { method: 'GET', url: `/depay/v2/reports/conciliation/payins?start_date=${from}&end_date=${to}` })).body.trimEnd().split('\r\n').slice(1).map((l) => l.split(',')[3]);
    expect(await ids(d1, d1)).toEqual([first.order_id]);
    expect(await ids(d2, d2)).toEqual([second.order_id]);
    expect(await ids(d1, d2)).toEqual([first.order_id, second.order_id]);
    expect(await ids('2000-01-01', '2000-01-31')).toEqual([]);
  });

  it('400s bad dates and formats, listing each', async () => {
    expectDepayError(await report('end_date=2025-01-01'), 400, ['start_date is required']);
    expectDepayError(await report('start_date=2025-02-30&end_date=2025-13-01'), 400, ['start_date must be a valid date in the format YYYY-MM-DD', 'end_date must be a valid date in the format YYYY-MM-DD']);
    expectDepayError(await report('start_date=2025-01-02&end_date=2025-01-01'), 400, ['end_date must not be before start_date']);
    expectDepayError(await report('start_date=01/01/2025&end_date=2025-01-01&format=pdf&status=PAID'), 400, [
      'start_date must be a valid date in the format YYYY-MM-DD',
      'status must be one of the following values: CREATED, WAITING_AMOUNT, PROCESSING, COMPLETED, CANCELED, REFUNDED, PARTIALLY_REFUNDED, REJECTED, FAILED',
      'format must be one of the following values: csv, txt',
    ]);
  });
});
