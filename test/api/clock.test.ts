import { describe, expect, it } from 'vitest';
import { testbed, type TestSeller } from '../support/harness.js';
import { as, createStore, expectLegacy } from '../support/stores-fixtures.js';

const HOUR_MS = 3_600_000;
const TOLERANCE_MS = 60_000;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

describe('the seller test clock', () => {
  const caja = testbed();

  const now = async (s: TestSeller): Promise<number> => {
    const res = await as(caja, s, { method: 'GET', url: '/sandbox/clock' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { now: string };
    expect(body.now).toMatch(ISO);
    return Date.parse(body.now);
  };
  const advance = (s: TestSeller, payload: unknown) =>
    as(caja, s, { method: 'POST', url: '/sandbox/clock/advance', payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });

  describe('GET /sandbox/clock', () => {
    it('answers ISO 8601 close to real time for a new seller', async () => {
      const s = await caja.seller('MLA');
      expect(Math.abs((await now(s)) - Date.now())).toBeLessThan(TOLERANCE_MS);
    });

    it('answers 401 without a seller token', async () => {
      const res = await caja.request({ method: 'GET', url: '/sandbox/clock' });
      expectLegacy(res, 401);
    });
  });

  describe('POST /sandbox/clock/advance', () => {
    it('moves the clock forward by one hour', async () => {
      const s = await caja.seller('MLA');
      const before = await now(s);
      const res = await advance(s, { seconds: 3600 });
      expect(res.statusCode).toBe(200);
      const answered = Date.parse((res.json() as { now: string }).now);
      expect(Math.abs(answered - before - HOUR_MS)).toBeLessThan(TOLERANCE_MS);
      expect(Math.abs((await now(s)) - Date.now() - HOUR_MS)).toBeLessThan(TOLERANCE_MS);
    });

    it('accumulates successive advances', async () => {
      const s = await caja.seller('MLB');
      expect((await advance(s, { seconds: 3600 })).statusCode).toBe(200);
      expect((await advance(s, { seconds: 7200 })).statusCode).toBe(200);
      expect(Math.abs((await now(s)) - Date.now() - 3 * HOUR_MS)).toBeLessThan(TOLERANCE_MS);
    });

    it('adds up advances sent at once', async () => {
      const s = await caja.seller('MLA');
      const results = await Promise.all(Array.from({ length: 6 }, () => advance(s, { seconds: 600 })));
      expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
      const res = await as(caja, s, { method: 'GET', url: '/sandbox/clock' });
      expect(res.json()).toMatchObject({ offset_seconds: 3600 });
    });

    it('reports the offset in seconds', async () => {
      const s = await caja.seller('MLA');
      await advance(s, { seconds: 86_400 });
      const res = await as(caja, s, { method: 'GET', url: '/sandbox/clock' });
      expect(res.json()).toMatchObject({ offset_seconds: 86_400 });
    });

    it('keeps the offset per seller: another seller still reads real time', async () => {
      const [a, b] = [await caja.seller('MLA'), await caja.seller('MLA')];
      expect((await advance(a, { seconds: 10 * 86_400 })).statusCode).toBe(200);
      expect(Math.abs((await now(b)) - Date.now())).toBeLessThan(TOLERANCE_MS);
      expect((await now(a)) - Date.now()).toBeGreaterThan(10 * 86_400_000 - TOLERANCE_MS);
    });

    it.each([
      ['zero seconds', { seconds: 0 }],
      ['negative seconds', { seconds: -3600 }],
      ['fractional seconds', { seconds: 1.5 }],
      ['seconds as a string', { seconds: '3600' }],
      ['seconds null', { seconds: null }],
      ['more than ten years', { seconds: 10 * 365 * 86_400 + 1 }],
      ['an absurd number', { seconds: 1e300 }],
      ['an unknown field', { seconds: 60, hours: 1 }],
      ['no seconds', {}],
      ['a JSON array', [3600]],
    ])('refuses %s with 400 and leaves the clock alone', async (_name, payload) => {
      const s = await caja.seller('MLA');
      const res = await advance(s, payload);
      expectLegacy(res, 400);
      expect(Math.abs((await now(s)) - Date.now())).toBeLessThan(TOLERANCE_MS);
    });

    it('names the field it refuses', async () => {
      const s = await caja.seller('MLA');
      expectLegacy(await advance(s, { seconds: 0 }), 400, undefined, 'seconds');
      expectLegacy(await advance(s, { seconds: 1, minutes: 2 }), 400, undefined, 'minutes');
    });

    it('refuses malformed JSON with 400', async () => {
      const s = await caja.seller('MLA');
      expectLegacy(await advance(s, '{"seconds": 36'), 400, 'json_syntax_error');
    });

    it('answers 401 without a seller token', async () => {
      const res = await caja.request({ method: 'POST', url: '/sandbox/clock/advance', payload: { seconds: 60 } });
      expectLegacy(res, 401);
    });
  });

  describe('what the clock stamps', () => {
    it('dates a store created after advancing on the advanced clock', async () => {
      const s = await caja.seller('MLA');
      expect((await advance(s, { seconds: 2 * 86_400 })).statusCode).toBe(200);
      const store = await createStore(caja, s);
      const created = Date.parse(store.date_created as string);
      expect(Math.abs(created - Date.now() - 2 * 86_400_000)).toBeLessThan(TOLERANCE_MS);
      const got = await as(caja, s, { method: 'GET', url: `/stores/${store.id}` });
      expect((got.json() as { date_creation: string }).date_creation).toBe(store.date_created);
    });

    it("does not move another seller's store dates", async () => {
      const [a, b] = [await caja.seller('MLA'), await caja.seller('MLA')];
      await advance(a, { seconds: 30 * 86_400 });
      const store = await createStore(caja, b);
      expect(Math.abs(Date.parse(store.date_created as string) - Date.now())).toBeLessThan(TOLERANCE_MS);
    });
  });
});
