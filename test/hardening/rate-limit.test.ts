import { beforeAll, describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/http/rate-limit.js';
import { testbed, type TestSeller } from '../support/harness.js';

describe('per-token rate limit', () => {
  it('a token bucket: burst at once, then the rate; Retry-After in whole seconds', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 3, () => now);
    expect([1, 2, 3].map(() => limiter.take('a'))).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(1);
    expect(limiter.take('b')).toBe(0);
    now += 500;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1);
  });

  describe('on the wire (CAJA_RATE_LIMIT=2, burst 3)', () => {
    const caja = testbed({ env: { CAJA_RATE_LIMIT: '2', CAJA_RATE_LIMIT_BURST: '3' }, workers: false });
    let a: TestSeller;
    let b: TestSeller;
    beforeAll(async () => {
      // The admin token creates the sellers first, within its own burst.
      a = await caja.seller('MLA');
      b = await caja.seller('MLA');
    });

    it("a token past its burst gets 429 in the legacy envelope with Retry-After; another token and token-less requests do not", async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await caja.request({ method: 'GET', url: '/stores/search', headers: a.auth })).statusCode);
      expect(statuses.slice(0, 3).every((s) => s !== 429)).toBe(true);
      expect(statuses.slice(3)).toEqual([429, 429]);
      const res = await caja.request({ method: 'POST', url: '/v1/orders', headers: { ...a.auth, 'x-idempotency-key': 'k' }, payload: {} });
      expect(res.statusCode).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(res.json()).toEqual({ message: expect.stringContaining('too many requests'), error: 'too_many_requests', status: 429, cause: [] });
      expect((await caja.request({ method: 'GET', url: '/stores/search', headers: b.auth })).statusCode).not.toBe(429);
      for (let i = 0; i < 5; i++) expect((await caja.request({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    });

    it("Depay's routes answer in Depay's envelope", async () => {
      let last = 0;
      let body: unknown;
      for (let i = 0; i < 5; i++) {
        const res = await caja.request({ method: 'GET', url: '/depay/v2/qr/rates?base=USD&target=BRL', headers: { authorization: 'Bearer depay-x' } });
        last = res.statusCode;
        body = res.json();
      }
      expect(last).toBe(429);
      expect(body).toEqual({ statusCode: 429, message: 'ThrottlerException: Too Many Requests' });
    });
  });
});
