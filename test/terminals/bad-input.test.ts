import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { as, createTerminal, openShop, type Shop, type TerminalView } from './fixtures.js';

/**
 * Any JSON body or query: a 2xx or a 4xx in the family's own envelope, never a 500, and the
 * terminal's PDV rule still holds afterwards.
 */
describe('terminals, devices, POS v2 and the sandbox terminals against arbitrary input', () => {
  const caja = testbed();
  let shop: Shop;
  let t: TerminalView;
  beforeAll(async () => {
    shop = await openShop(caja, 'MLM');
    t = await createTerminal(caja, shop);
  });

  const body = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.record({ terminals: fc.array(fc.record({ id: fc.oneof(fc.constant('x'), fc.string({ maxLength: 70 })), operating_mode: fc.oneof(fc.constantFrom('PDV', 'STANDALONE', 'UNDEFINED'), fc.jsonValue({ maxDepth: 1 })) }, { requiredKeys: [] }), { maxLength: 3 }) }, { requiredKeys: [] }),
    fc.record({ take_delay_ms: fc.oneof(fc.integer(), fc.double(), fc.string()), automatic: fc.oneof(fc.constant(null), fc.record({ after_ms: fc.integer(), outcome: fc.string({ maxLength: 5 }) }, { requiredKeys: [] })) }, { requiredKeys: [] }),
    fc.record({ store_id: fc.oneof(fc.integer(), fc.string({ maxLength: 20 })), external_store_id: fc.string({ maxLength: 70 }), external_id: fc.string({ maxLength: 45 }), name: fc.string({ maxLength: 50 }) }, { requiredKeys: [] }),
  );

  const shapeOf = (url: string) => (url.startsWith('/terminals') ? 'errors' : 'legacy');

  it('never answers 500, and every refusal is in the documented envelope', async () => {
    const targets = [
      { method: 'PATCH' as const, url: '/terminals/v1/setup' },
      { method: 'PATCH' as const, url: `/point/integration-api/devices/${t.id}` },
      { method: 'POST' as const, url: '/sandbox/terminals' },
      { method: 'PATCH' as const, url: `/sandbox/terminals/${t.id}` },
      { method: 'POST' as const, url: '/v2/pos' },
    ];
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), body, async (target, payload) => {
        const res = await as(caja, shop.seller, { ...target, headers: { 'content-type': 'application/json', 'x-idempotency-key': `fuzz-${n++}` }, payload: JSON.stringify(payload) });
        expect(res.statusCode, `${target.url} ${JSON.stringify(payload)} ${res.body}`).toBeLessThan(500);
        if (res.statusCode >= 400) {
          const b = res.json() as Record<string, unknown>;
          if (shapeOf(target.url) === 'errors') expect(Array.isArray(b.errors)).toBe(true);
          else expect(b).toMatchObject({ status: res.statusCode, error: expect.any(String), message: expect.any(String) });
        }
      }),
      { numRuns: 60 },
    );
  });

  it('arbitrary list queries are 200 or 400, never 500', async () => {
    const value = fc.oneof(fc.integer({ min: -5, max: 100 }).map(String), fc.string({ maxLength: 12 }), fc.constant('1e3'), fc.constant('9007199254740993'));
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom('limit', 'offset', 'store_id', 'pos_id', 'other'), value, { maxKeys: 4 }), fc.constantFrom('/terminals/v1/list', '/point/integration-api/devices'), async (q, path) => {
        const res = await as(caja, shop.seller, { method: 'GET', url: path, query: q });
        expect([200, 400], `${path} ${JSON.stringify(q)} ${res.body}`).toContain(res.statusCode);
      }),
      { numRuns: 60 },
    );
  });

  it('afterwards at most one terminal of the POS is in PDV mode', async () => {
    const list = await as(caja, shop.seller, { method: 'GET', url: `/terminals/v1/list?pos_id=${shop.posId}` });
    expect((list.json().data.terminals as TerminalView[]).filter((x) => x.operating_mode === 'PDV').length).toBeLessThanOrEqual(1);
  });
});
