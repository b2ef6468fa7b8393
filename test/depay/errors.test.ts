import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { testbed } from '../support/harness.js';
import { depay, depaySeller, expectDepayError, qrBody, type DepaySeller } from './fixtures.js';

describe('Depay envelope everywhere, and no request produces a 500', () => {
  const caja = testbed();
  let s: DepaySeller;
  beforeAll(async () => {
    s = await depaySeller(caja, { autoOutcome: false });
  });

  it('an unknown route under /depay answers as NestJS does, in the envelope', async () => {
    expectDepayError(await depay(caja, s, { method: 'GET', url: '/depay/v2/nope?x=1' }), 404, 'Cannot GET /depay/v2/nope');
    expectDepayError(await depay(caja, s, { method: 'PUT', url: '/depay/v2/qr' }), 404, 'Cannot PUT /depay/v2/qr');
  });

  it('a body over the limit is 413 in the envelope', async () => {
    const res = await depay(caja, s, { method: 'POST', url: '/depay/v2/qr', payload: JSON.stringify(qrBody({ tax_id: 'x'.repeat(1_100_000) })), headers: { 'content-type': 'application/json' } });
    expectDepayError(res, 413, 'Payload Too Large');
  });

  it('fuzz: arbitrary JSON bodies and ids get a 2xx or a 4xx in the envelope, never a 500', async () => {
    const endpoints = ['/depay/v2/qr', '/depay/v2/qr/refund', '/depay/auth/refresh'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...endpoints), fc.oneof(
          fc.jsonValue(),
          fc.record(Object.fromEntries(Object.keys(qrBody()).map((k) => [k, fc.jsonValue()])), { requiredKeys: [] }),
          // A valid body with one field replaced: reaches the domain more often.
          fc.tuple(fc.constantFrom(...Object.keys(qrBody()), 'order_id', 'partial', 'reason'), fc.jsonValue()).map(([k, v]) => ({ ...qrBody(), order_id: '7478bd70-87ad-49d0-9143-9b148d776fc7', partial: true, reason: 'r', [k]: v })),
        ), async (url, body) => {
        const res = await depay(caja, s, { method: 'POST', url, payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode >= 400) {
          const b = res.json();
          expect(b.statusCode).toBe(res.statusCode);
          expect(typeof b.message === 'string' || (Array.isArray(b.message) && b.message.every((m: unknown) => typeof m === 'string'))).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 60 }), fc.constantFrom('GET', 'DELETE'), async (id, method) => {
        const url = method === 'GET' ? `/depay/v2/payins/orders/${encodeURIComponent(id)}` : `/depay/v2/payins/qr/${encodeURIComponent(id)}`;
        const res = await depay(caja, s, { method, url });
        expect(res.statusCode).toBeLessThan(500);
        expect(res.json().statusCode).toBe(res.statusCode);
      }),
      { numRuns: 100 },
    );
  });

  it('numbers JSON cannot hold exactly are refused, not rounded', async () => {
    for (const raw of ['1e400', '10.000000000000001', '0.30000000000000004']) {
      const body = JSON.stringify(qrBody()).replace('"amount":10', `"amount":${raw}`);
      const res = await depay(caja, s, { method: 'POST', url: '/depay/v2/qr', payload: body, headers: { 'content-type': 'application/json' } });
      expect(res.statusCode, raw).toBe(400);
    }
  });
});
