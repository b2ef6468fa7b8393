import { describe, expect, it } from 'vitest';
import { advance } from '../support/notify.js';
import { testbed } from '../support/harness.js';
import { depaySeller, expectDepayError, qrBody } from './fixtures.js';

const ORDER = '/depay/v2/payins/orders/7478bd70-87ad-49d0-9143-9b148d776fc7';

describe('Depay auth: x-api-key → bearer tokens (reference §5.1)', () => {
  const caja = testbed();

  it('answers {"expiresIn":"3600",accessToken,refreshToken} with JWT-shaped tokens', async () => {
    const s = await caja.seller('MLA');
    const res = await caja.request({ method: 'GET', url: '/depay/auth/token', headers: { 'x-api-key': s.depay_api_key } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['accessToken', 'expiresIn', 'refreshToken']);
    expect(body.expiresIn).toBe('3600');
    for (const t of [body.accessToken, body.refreshToken]) {
      const parts = String(t).split('.');
      expect(parts).toHaveLength(3);
      for (const p of parts) expect(p).toMatch(/^[A-Za-z0-9_-]+$/);
      const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString());
      expect(claims).toMatchObject({ sub: String(s.user_id), role: 'customer' });
      expect(claims.customer_uuid).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(body.accessToken).not.toBe(body.refreshToken);
  });

  it('refuses a wrong or missing key with 403 Forbidden resource', async () => {
    expectDepayError(await caja.request({ method: 'GET', url: '/depay/auth/token', headers: { 'x-api-key': 'dpk_test_nope' } }), 403, 'Forbidden resource');
    expectDepayError(await caja.request({ method: 'GET', url: '/depay/auth/token' }), 403, 'Forbidden resource');
    // A Mercado Pago access token is not a Depay key.
    const s = await caja.seller('MLA');
    expectDepayError(await caja.request({ method: 'GET', url: '/depay/auth/token', headers: { 'x-api-key': s.access_token } }), 403, 'Forbidden resource');
  });

  it('takes the bearer in Authorization or in Authentication (seed), and 401s without one', async () => {
    const s = await depaySeller(caja);
    const bearer = `Bearer ${s.tokens.accessToken}`;
    expectDepayError(await caja.request({ method: 'GET', url: ORDER, headers: { authorization: bearer } }), 404, 'ORDER_NOT_FOUND');
    expectDepayError(await caja.request({ method: 'GET', url: ORDER, headers: { authentication: bearer } }), 404, 'ORDER_NOT_FOUND');
    expectDepayError(await caja.request({ method: 'GET', url: ORDER }), 401, 'Unauthorized');
    expectDepayError(await caja.request({ method: 'GET', url: ORDER, headers: { authorization: 'Bearer nope' } }), 401, 'Unauthorized');
    expectDepayError(await caja.request({ method: 'GET', url: ORDER, headers: { authorization: s.tokens.accessToken } }), 401, 'Unauthorized');
    // The refresh token and the MP access token are not access tokens.
    expectDepayError(await caja.request({ method: 'GET', url: ORDER, headers: { authorization: `Bearer ${s.tokens.refreshToken}` } }), 401, 'Unauthorized');
    expectDepayError(await caja.request({ method: 'GET', url: ORDER, headers: s.auth }), 401, 'Unauthorized');
  });

  it('401s before it reads a body: an unauthenticated bad body learns nothing else', async () => {
    const res = await caja.request({ method: 'POST', url: '/depay/v2/qr', payload: '{not json', headers: { 'content-type': 'application/json' } });
    expectDepayError(res, 401, 'Unauthorized');
  });

  it('expires the access token after 3600 s on the seller clock, and a refresh issues a new pair once', async () => {
    const s = await depaySeller(caja);
    const create = (authorization: string) => caja.request({ method: 'POST', url: '/depay/v2/qr', headers: { authorization }, payload: qrBody({ amount: 10.5 }) });
    await advance(caja, s, 3599);
    expect((await caja.request({ method: 'GET', url: ORDER, headers: s.bearer })).statusCode).toBe(404);
    await advance(caja, s, 1);
    expectDepayError(await caja.request({ method: 'GET', url: ORDER, headers: s.bearer }), 401, 'Unauthorized');
    expectDepayError(await create(s.bearer.authorization), 401, 'Unauthorized');

    const refreshed = await caja.request({ method: 'POST', url: '/depay/auth/refresh', payload: { refreshToken: s.tokens.refreshToken } });
    expect(refreshed.statusCode, refreshed.body).toBe(200);
    const next = refreshed.json();
    expect(next.expiresIn).toBe('3600');
    expect(next.accessToken).not.toBe(s.tokens.accessToken);
    expect((await create(`Bearer ${next.accessToken}`)).statusCode).toBe(201);
    // Spent: the same refresh token cannot be used twice.
    expectDepayError(await caja.request({ method: 'POST', url: '/depay/auth/refresh', payload: { refreshToken: s.tokens.refreshToken } }), 401, 'Unauthorized');
    // The new refresh token lives a day on the seller clock.
    await advance(caja, s, 86_400);
    expectDepayError(await caja.request({ method: 'POST', url: '/depay/auth/refresh', payload: { refreshToken: next.refreshToken } }), 401, 'Unauthorized');
  });

  it('refuses a refresh with an access token, garbage, or no body', async () => {
    const s = await depaySeller(caja);
    expectDepayError(await caja.request({ method: 'POST', url: '/depay/auth/refresh', payload: { refreshToken: s.tokens.accessToken } }), 401, 'Unauthorized');
    expectDepayError(await caja.request({ method: 'POST', url: '/depay/auth/refresh', payload: { refreshToken: 'x.y.z' } }), 401, 'Unauthorized');
    expectDepayError(await caja.request({ method: 'POST', url: '/depay/auth/refresh' }), 400, ['refreshToken is required']);
    expectDepayError(await caja.request({ method: 'POST', url: '/depay/auth/refresh', payload: { refreshToken: 5 } }), 400, ['refreshToken must be a string']);
  });

  it('a token only sees its own seller', async () => {
    const a = await depaySeller(caja, { autoOutcome: false });
    const b = await depaySeller(caja, { autoOutcome: false });
    const res = await caja.request({ method: 'POST', url: '/depay/v2/qr', headers: a.bearer, payload: qrBody() });
    const id = res.json().order_id as string;
    expect((await caja.request({ method: 'GET', url: `/depay/v2/payins/orders/${id}`, headers: a.bearer })).statusCode).toBe(200);
    expectDepayError(await caja.request({ method: 'GET', url: `/depay/v2/payins/orders/${id}`, headers: b.bearer }), 404, 'ORDER_NOT_FOUND');
  });
});
