import { beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { createQr, depay, depaySeller, expectDepayError, qrBody, type DepaySeller } from './fixtures.js';

const CURRENCIES = 'must be one of the following values: ARS, BRL, CLP, COP, MXN, PEN, USD, UYU';
const COUNTRIES = 'must be one of the following values: AR, BR, CL, CO, EC, MX, PE, US, UY';
const CONTROL = 'must not contain control characters';

/** [field, value, the one sentence expected]; undefined value removes the field. */
const CREATE_CASES: Array<[string, unknown, string]> = [
  ...['local_currency', 'local_country', 'qr_from', 'amount', 'pos_external_reference', 'external_reference', 'notification_url'].map(
    (f) => [f, undefined, `${f} is required`] as [string, unknown, string],
  ),
  ...[1, null, true, {}, []].map((v) => ['local_currency', v, 'local_currency must be a string'] as [string, unknown, string]),
  ...['EUR', 'XYZ', 'brl', '', 'ARS '].map((v) => ['local_currency', v, `local_currency ${CURRENCIES}`] as [string, unknown, string]),
  ...['ZZ', 'ES', 'ar', 'ARG', ''].map((v) => ['local_country', v, `local_country ${COUNTRIES}`] as [string, unknown, string]),
  ...['ZZ', 'br', 'BRA', 7].map((v) => ['qr_from', v, typeof v === 'number' ? 'qr_from must be a string' : `qr_from ${COUNTRIES}`] as [string, unknown, string]),
  ['amount', 0, 'amount must be a positive number'],
  ['amount', -5, 'amount must be a positive number'],
  ['amount', -0.01, 'amount must be a positive number'],
  ['amount', '10', 'amount must be a number conforming to the specified constraints'],
  ['amount', null, 'amount must be a number conforming to the specified constraints'],
  ['amount', true, 'amount must be a number conforming to the specified constraints'],
  ['amount', 10.555, 'amount must have at most 2 decimal places in BRL'],
  ['amount', 0.001, 'amount must have at most 2 decimal places in BRL'],
  // JSON.stringify writes 1e-7 with an exponent, which caja refuses on every API (README, Limits).
  ['amount', 1e-7, 'amount must be written without an exponent'],
  ['amount', 1e11, 'amount must not be greater than 9999999999'],
  ['pos_external_reference', '', 'pos_external_reference should not be empty'],
  ['pos_external_reference', 'a'.repeat(101), 'pos_external_reference must be shorter than or equal to 100 characters'],
  ['pos_external_reference', 'a\u0000b', `pos_external_reference ${CONTROL}`],
  ['pos_external_reference', 12, 'pos_external_reference must be a string'],
  ['external_reference', 'a\nb', `external_reference ${CONTROL}`],
  ['external_reference', ['x'], 'external_reference must be a string'],
  ...['ftp://example.com/x', 'javascript:alert(1)', 'https://example.com/a b', 'not a url', '', 'https://example.com/\u0007'].map(
    (v) => ['notification_url', v, 'notification_url must be a URL address'] as [string, unknown, string],
  ),
  ['notification_url', 5, 'notification_url must be a string'],
  ['notification_url', `https://example.com/${'a'.repeat(500)}`, 'notification_url must be shorter than or equal to 500 characters'],
  ['tax_id', 5, 'tax_id must be a string'],
  ['tax_id', '', 'tax_id should not be empty'],
  ['items', 'x', 'items must be an array'],
  ['items', [1], 'items.0 must be an object'],
  ['items', [{ quantity: -1 }], 'items.0.quantity must not be less than 0'],
  ['items', [{ name: 5 }], 'items.0.name must be a string'],
  ['items', Array.from({ length: 101 }, () => ({})), 'items must contain no more than 100 elements'],
];

describe('Depay bad input: 400 {statusCode, message: [...]} naming each field, nothing stored, never 500', () => {
  const caja = testbed();
  let s: DepaySeller;
  beforeAll(async () => {
    s = await depaySeller(caja, { autoOutcome: false });
  });
  const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
    depay(caja, s, { method: 'POST', url, payload: payload as string, headers: { 'content-type': 'application/json', ...headers } });

  it.each(CREATE_CASES)('POST /v2/qr %s = %j', async (field, value, message) => {
    const body = qrBody(value === undefined ? {} : { [field]: value });
    if (value === undefined) delete body[field];
    expectDepayError(await post('/depay/v2/qr', JSON.stringify(body)), 400, [message]);
  });

  it('decimals follow the local currency: CLP and COP take none', async () => {
    expectDepayError(await post('/depay/v2/qr', qrBody({ local_currency: 'CLP', amount: 10.5 })), 400, ['amount must have at most 0 decimal places in CLP']);
    expectDepayError(await post('/depay/v2/qr', qrBody({ local_currency: 'COP', amount: 1000.1 })), 400, ['amount must have at most 0 decimal places in COP']);
  });

  it('lists every problem at once, the cross-field ones included', async () => {
    const res = await post('/depay/v2/qr', { local_currency: 'BRL', amount: 1.234, qr_from: 'XX', notification_url: 'ftp://x', tax_id: 3 });
    expectDepayError(res, 400, [
      'local_country is required',
      'pos_external_reference is required',
      'external_reference is required',
      'qr_from must be one of the following values: AR, BR, CL, CO, EC, MX, PE, US, UY',
      'notification_url must be a URL address',
      'tax_id must be a string',
      'amount must have at most 2 decimal places in BRL',
    ]);
  });

  it('no body, an empty object, an array, a string or null: every required field', async () => {
    const all = ['local_currency is required', 'local_country is required', 'qr_from is required', 'amount is required', 'pos_external_reference is required', 'external_reference is required', 'notification_url is required'];
    for (const body of [undefined, '{}', '[]', '"x"', 'null', '  ']) {
      const res = await depay(caja, s, { method: 'POST', url: '/depay/v2/qr', ...(body === undefined ? {} : { payload: body }), headers: { 'content-type': 'application/json' } });
      expectDepayError(res, 400, all);
    }
  });

  it('malformed JSON is a 400 with a message string', async () => {
    const res = await post('/depay/v2/qr', '{"amount": 10,');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ statusCode: 400, message: expect.stringMatching(/JSON/) });
  });

  it('a converted amount that cannot be paid is refused: too small for the user currency, too large for the QR', async () => {
    expectDepayError(await post('/depay/v2/qr', qrBody({ local_currency: 'ARS', local_country: 'AR', qr_from: 'US', amount: 0.01 })), 400, ['amount is too small to be paid in USD']);
    expectDepayError(await post('/depay/v2/qr', qrBody({ local_currency: 'USD', local_country: 'US', qr_from: 'CO', amount: 9_999_999_999 })), 400, ['amount is too large to be paid in COP']);
  });

  const REFUND_CASES: Array<[Record<string, unknown>, string[]]> = [
    [{}, ['order_id is required', 'partial is required', 'amount is required', 'reason is required']],
    [{ order_id: 'nope' }, ['order_id must be a UUID']],
    [{ order_id: 42 }, ['order_id must be a string']],
    [{ partial: 'true' }, ['partial must be a boolean value']],
    [{ partial: 1 }, ['partial must be a boolean value']],
    [{ amount: 0 }, ['amount must be a positive number']],
    [{ amount: -1 }, ['amount must be a positive number']],
    [{ amount: '5' }, ['amount must be a number conforming to the specified constraints']],
    [{ reason: '' }, ['reason should not be empty']],
    [{ reason: 'a\u001bb' }, [`reason ${CONTROL}`]],
    [{ reason: 'r'.repeat(256) }, ['reason must be shorter than or equal to 255 characters']],
    [{ notification_url: 'mailto:a@b.c' }, ['notification_url must be a URL address']],
  ];

  it.each(REFUND_CASES)('POST /v2/qr/refund %j', async (over, messages) => {
    const base: Record<string, unknown> = { order_id: '7478bd70-87ad-49d0-9143-9b148d776fc7', partial: true, amount: 1, reason: 'r' };
    const body = Object.keys(over).length ? { ...base, ...over } : {};
    expectDepayError(await post('/depay/v2/qr/refund', body), 400, messages);
  });

  it('stored nothing: the reconciliation file of today holds only the order made on purpose', async () => {
    const q = await createQr(caja, s);
    const day = String((await depay(caja, s, { method: 'GET', url: `/depay/v2/payins/orders/${q.order_id}` })).json().creation_date).slice(0, 10);
    const file = await depay(caja, s, { method: 'GET', url: `/depay/v2/reports/conciliation/payins?start_date=2000-01-01&end_date=${day}` });
    expect(file.body.trimEnd().split('\r\n')).toHaveLength(2);
  });
});
