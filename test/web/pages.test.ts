import { beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { order, shop, type Shop } from '../support/orders-fixtures.js';
import { tokenOf } from '../../src/domain/qr/registry.js';

const caja = testbed();
let s: Shop;
let token: string;
const CHROME_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

beforeAll(async () => {
  s = await shop(caja, 'MLA');
  const res = await order(caja, s.seller, s.body({ config: { qr: { external_pos_id: s.pos.external_id, mode: 'dynamic' } } }));
  token = tokenOf((res.json() as { type_response: { qr_data: string } }).type_response.qr_data)!;
});

const get = (url: string, accept?: string) => caja.request({ method: 'GET', url, headers: accept ? { accept } : {} });

function expectPage(res: Awaited<ReturnType<typeof get>>) {
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
  const csp = String(res.headers['content-security-policy']);
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("connect-src 'self'");
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  // Nothing the page loads comes from elsewhere, and no inline script.
  expect(res.body).not.toMatch(/(src|href)="(https?:)?\/\//);
  expect(res.body).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
}

describe('the URL inside a QR: JSON for API clients, the wallet page for browsers', () => {
  it('answers JSON without Accept, with */*, and when JSON is asked for (what scripts and the existing tests send)', async () => {
    for (const accept of [undefined, '*/*', 'application/json', 'application/json, text/html;q=0.5', 'text/html;q=0.5, application/json']) {
      const res = await get(`/qr/${token}`, accept);
      expect(res.statusCode, accept).toBe(200);
      expect(res.headers['content-type'], accept).toMatch(/^application\/json/);
      expect(res.headers.vary).toMatch(/Accept/);
      expect(res.json()).toMatchObject({ status: 'payable', amount: '50.00', currency: 'ARS' });
    }
  });

  it("answers a browser's Accept with the wallet page, for a known or an unknown code", async () => {
    expectPage(await get(`/qr/${token}`, CHROME_ACCEPT));
    expectPage(await get(`/qr/${'Z'.repeat(20)}`, 'text/html'));
    expect((await get(`/qr/${'Z'.repeat(20)}`, 'application/json')).statusCode).toBe(404);
    expectPage(await get(`/pix/v2/${token}`, CHROME_ACCEPT));
  });

  it('refuses a malformed token in either form, before any lookup', async () => {
    expect((await get('/qr/short', CHROME_ACCEPT)).statusCode).toBe(400);
    expect((await get('/qr/short')).statusCode).toBe(400);
  });
});

describe('the dashboard and its files', () => {
  it('serves the dashboard at / and the terminal page, with the CSP', async () => {
    expectPage(await get('/'));
    expectPage(await get('/terminal/PAX_A910__SMARTPOS1234'));
  });

  it('serves only the files of its folder, with their types', async () => {
    const js = await get('/web/js/app.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await get('/web/style.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    for (const bad of ['/web/../package.json', '/web/%2e%2e/package.json', '/web/js/../../static.ts', '/web/nope.js', '/web/', '/web/index.ts']) {
      expect([400, 404], bad).toContain((await get(bad)).statusCode);
    }
  });
});
