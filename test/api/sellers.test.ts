import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, testbed, type CreatedSellerBody } from '../support/harness.js';
import { expectLegacy } from '../support/stores-fixtures.js';
import { order, shop } from '../support/orders-fixtures.js';

const SITES = [
  ['MLA', 'AR', 'ARS'],
  ['MLB', 'BR', 'BRL'],
  ['MLM', 'MX', 'MXN'],
  ['MLC', 'CL', 'CLP'],
  ['MLU', 'UY', 'UYU'],
  ['MCO', 'CO', 'COP'],
  ['MPE', 'PE', 'PEN'],
] as const;

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

describe('POST /sandbox/sellers', () => {
  const caja = testbed();

  const post = (payload: unknown, headers: Record<string, string> = admin) =>
    caja.request({
      method: 'POST',
      url: '/sandbox/sellers',
      headers: { 'content-type': 'application/json', ...headers },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  it.each(SITES)('creates a %s seller with its country, currency and credentials', async (site, country, currency) => {
    const res = await post({ site_id: site });
    expect(res.statusCode).toBe(201);
    const body = res.json() as CreatedSellerBody;
    expect(Number.isSafeInteger(body.user_id)).toBe(true);
    expect(body).toMatchObject({ site_id: site, country_id: country, currency_id: currency });
    expect(body.country_id).toMatch(/^[A-Z]{2}$/);
    expect(body.access_token).toMatch(new RegExp(`^APP_USR-\\d+-\\d{6}-[0-9a-f]{32}-${body.user_id}$`));
    expect(body.public_key).toMatch(/^APP_USR-[0-9a-f-]{36}$/);
    expect(body.webhook_secret).toMatch(/^[0-9a-f]{64}$/);
    expect(typeof body.depay_api_key).toBe('string');
    expect(body.depay_api_key.length).toBeGreaterThan(16);
  });

  it('gives every seller distinct credentials', async () => {
    const [a, b] = [await caja.seller('MLA'), await caja.seller('MLA')];
    expect(a.user_id).not.toBe(b.user_id);
    expect(a.access_token).not.toBe(b.access_token);
    expect(a.public_key).not.toBe(b.public_key);
    expect(a.webhook_secret).not.toBe(b.webhook_secret);
    expect(a.depay_api_key).not.toBe(b.depay_api_key);
  });

  it('gives sellers created at once distinct, consecutive user ids', async () => {
    const results = await Promise.all(Array.from({ length: 6 }, () => post({ site_id: 'MLM' })));
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201, 201]);
    const ids = results.map((r) => (r.json() as CreatedSellerBody).user_id).sort((a, b) => a - b);
    expect(ids).toEqual(ids.map((_, i) => ids[0]! + i));
  });

  it.each([
    ['no Authorization header', {}],
    ['a wrong admin token', { authorization: 'Bearer not-the-admin-token' }],
    ['the admin token without Bearer', { authorization: ADMIN_TOKEN }],
    ['Basic auth', { authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}` }],
  ])('refuses %s with 401 in the legacy envelope', async (_name, headers) => {
    const res = await post({ site_id: 'MLA' }, headers);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ message: expect.any(String), error: 'unauthorized', status: 401, cause: [] });
  });

  it('refuses a seller access token where the admin token is required', async () => {
    const s = await caja.seller('MLA');
    const res = await post({ site_id: 'MLA' }, s.auth);
    expect(res.statusCode).toBe(401);
  });

  it.each([
    ['an unknown site_id', { site_id: 'MLX' }, 'site_id'],
    ['a lowercase site_id', { site_id: 'mla' }, 'site_id'],
    ['a numeric site_id', { site_id: 1 }, 'site_id'],
    ['no site_id', {}, 'site_id'],
    ['an unknown field', { site_id: 'MLA', plan: 'gold' }, 'plan'],
    ['an empty name', { site_id: 'MLA', name: '' }, 'name'],
    ['a 101-character name', { site_id: 'MLA', name: 'n'.repeat(101) }, 'name'],
    ['a JSON array', [{ site_id: 'MLA' }], undefined],
    ['malformed JSON', '{"site_id": "MLA"', undefined],
  ])('answers 400 to %s and stores no seller', async (_name, payload, field) => {
    const before = await caja.seller('MLA');
    expectLegacy(await post(payload), 400, undefined, field);
    const after = await caja.seller('MLA');
    // Nothing consumed a user id: the refused request created no seller.
    expect(after.user_id).toBe(before.user_id + 1);
  });

  it('names the invalid_site_id code for a bad site', async () => {
    expectLegacy(await post({ site_id: 'XXX' }), 400, 'invalid_site_id', 'site_id');
  });

  it('keeps a given name for the seller', async () => {
    const res = await post({ site_id: 'MLU', name: 'Panadería Sol' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ name: 'Panadería Sol', site_id: 'MLU' });
  });
});

describe('GET /users/me', () => {
  const caja = testbed();

  it.each(SITES)('answers who the %s seller is', async (site, country) => {
    const s = await caja.seller(site);
    const res = await caja.request({ method: 'GET', url: '/users/me', headers: s.auth });
    expect(res.statusCode).toBe(200);
    const me = res.json() as Record<string, unknown>;
    expect(me).toMatchObject({ id: s.user_id, site_id: site, country_id: country });
    expect(me.nickname).toEqual(expect.any(String));
    expect(me.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
  });

  it('accepts the token as ?access_token= too', async () => {
    const s = await caja.seller('MLB');
    const res = await caja.request({ method: 'GET', url: `/users/me?access_token=${encodeURIComponent(s.access_token)}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: s.user_id, site_id: 'MLB' });
  });

  it('tells two sellers apart by their tokens', async () => {
    const [a, b] = [await caja.seller('MLA'), await caja.seller('MLC')];
    const ra = await caja.request({ method: 'GET', url: '/users/me', headers: a.auth });
    const rb = await caja.request({ method: 'GET', url: '/users/me', headers: b.auth });
    expect((ra.json() as { id: number }).id).toBe(a.user_id);
    expect((rb.json() as { id: number }).id).toBe(b.user_id);
  });

  it.each([
    ['no token', {}, ''],
    ['an unknown token', { authorization: 'Bearer APP_USR-1-010101-00000000000000000000000000000000-1' }, ''],
    ['an unknown ?access_token=', {}, '?access_token=APP_USR-nope'],
    ['an empty Bearer', { authorization: 'Bearer ' }, ''],
    ['the admin token', { authorization: `Bearer ${ADMIN_TOKEN}` }, ''],
  ])('answers 401 to %s', async (_name, headers, query) => {
    const res = await caja.request({ method: 'GET', url: `/users/me${query}`, headers });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ message: expect.any(String), error: 'unauthorized', status: 401, cause: [] });
  });

  it('refuses a token that differs from a real one in its last character', async () => {
    const s = await caja.seller('MLA');
    const forged = s.access_token.slice(0, -1) + (s.access_token.endsWith('0') ? '1' : '0');
    const res = await caja.request({ method: 'GET', url: '/users/me', headers: { authorization: `Bearer ${forged}` } });
    expect(res.statusCode).toBe(401);
  });
});

describe('GET /sandbox/sellers and POST /sandbox/sellers/{id}/tokens: a token again after a restart', () => {
  const caja = testbed();

  it('lists the sellers oldest first, without their tokens, and needs the admin token', async () => {
    const a = await caja.seller('MLA', 'First');
    const b = await caja.seller('MLB', 'Second');
    const res = await caja.request({ method: 'GET', url: '/sandbox/sellers', headers: admin });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { paging: { total: number }; results: Array<Record<string, unknown>> };
    expect(body.paging).toEqual({ total: 2, offset: 0, limit: 50 });
    expect(body.results.map((r) => [r.user_id, r.name, r.site_id, r.webhook_secret])).toEqual([
      [a.user_id, 'First', 'MLA', a.webhook_secret],
      [b.user_id, 'Second', 'MLB', b.webhook_secret],
    ]);
    expect(body.results[0]).not.toHaveProperty('access_token');
    expect((await caja.request({ method: 'GET', url: '/sandbox/sellers?limit=1&offset=1', headers: admin })).json().results).toHaveLength(1);
    expectLegacy(await caja.request({ method: 'GET', url: '/sandbox/sellers', headers: { authorization: `Bearer ${a.access_token}` } }), 401);
  });

  it('issues a new access token that works, and the earlier one keeps working', async () => {
    const s = await caja.seller('MLA');
    const res = await caja.request({ method: 'POST', url: `/sandbox/sellers/${s.user_id}/tokens`, headers: admin });
    expect(res.statusCode, res.body).toBe(201);
    const { user_id, access_token } = res.json() as { user_id: number; access_token: string };
    expect(user_id).toBe(s.user_id);
    expect(access_token).toMatch(new RegExp(`^APP_USR-\\d+-\\d{6}-[0-9a-f]{32}-${s.user_id}$`));
    expect(access_token).not.toBe(s.access_token);
    for (const token of [access_token, s.access_token]) {
      const me = await caja.request({ method: 'GET', url: '/users/me', headers: { authorization: `Bearer ${token}` } });
      expect(me.json()).toMatchObject({ id: s.user_id });
    }
    expectLegacy(await caja.request({ method: 'POST', url: '/sandbox/sellers/999999999/tokens', headers: admin }), 404);
    expectLegacy(await caja.request({ method: 'POST', url: `/sandbox/sellers/${s.user_id}/tokens`, headers: { authorization: `Bearer ${s.access_token}` } }), 401);
  });
});

describe('POST /sandbox/sellers with the Mercado Pago options: set when the seller is created', () => {
  const caja = testbed();

  const post = (payload: unknown) => caja.request({ method: 'POST', url: '/sandbox/sellers', headers: admin, payload: payload as Record<string, unknown> });
  const optionsOf = async (b: CreatedSellerBody) =>
    (await caja.request({ method: 'GET', url: `/sandbox/sellers/${b.user_id}/mercadopago`, headers: { authorization: `Bearer ${b.access_token}` } })).json() as Record<string, unknown>;

  it('stores the options given at creation and answers them with the seller', async () => {
    const res = await post({ site_id: 'MLA', mercadopago: { managed_wallet: true, refund_answer: 'immediate' } });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as CreatedSellerBody & { mercadopago?: unknown };
    const expected = { managed_wallet: true, static_qr_expiry_cap: false, refund_answer: 'immediate' };
    expect(body.mercadopago).toEqual(expected);
    expect(await optionsOf(body)).toEqual({ user_id: body.user_id, ...expected });
  });

  it('a seller created as Managed Wallet can create a cash-out order at once', async () => {
    const b = (await post({ site_id: 'MLA', mercadopago: { managed_wallet: true } })).json() as CreatedSellerBody;
    const s = await shop(caja, 'MLA', { ...b, auth: { authorization: `Bearer ${b.access_token}` } });
    const res = await order(caja, s.seller, s.body({ total_amount: '20.00', transactions: { cash_outs: [{ amount: 20 }] } }));
    expect(res.statusCode, res.body).toBe(201);
  });

  it('without the object, the seller has the default options and the answer has no mercadopago field', async () => {
    const res = await post({ site_id: 'MLA' });
    expect(res.json()).not.toHaveProperty('mercadopago');
    expect(await optionsOf(res.json())).toMatchObject({ managed_wallet: false, static_qr_expiry_cap: false, refund_answer: 'on_confirmation' });
  });

  it.each([
    ['an unknown option', { managed_wallet: true, gold: true }, 'mercadopago.gold'],
    ['a wrong type', { managed_wallet: 'yes' }, 'mercadopago.managed_wallet'],
    ['an unknown refund_answer', { refund_answer: 'later' }, 'mercadopago.refund_answer'],
    ['not an object', 'managed', 'mercadopago'],
  ])('answers 400 naming the field to %s, and stores no seller', async (_name, mercadopago, field) => {
    const before = await caja.seller('MLA');
    expectLegacy(await post({ site_id: 'MLA', mercadopago }), 400, undefined, field);
    const after = await caja.seller('MLA');
    expect(after.user_id).toBe(before.user_id + 1);
  });
});
