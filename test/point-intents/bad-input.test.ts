import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { as, deleteIntent, legacy, newIntent, pointShop, type Shop, type TerminalView } from './fixtures.js';

/**
 * Any body or query: a 2xx or a 4xx in the legacy envelope, never a 500; a
 * refused create stores nothing (the device stays free for the next intent).
 */
describe('payment intents against arbitrary input', () => {
  const caja = testbed();
  let shop: Shop;
  let t: TerminalView;
  beforeAll(async () => {
    ({ shop, terminal: t } = await pointShop(caja, 'MLA', 600_000));
  });

  const payment = fc.record(
    { installments: fc.oneof(fc.integer({ min: -2, max: 80 }), fc.string({ maxLength: 3 })), type: fc.oneof(fc.constantFrom('credit_card', 'debit_card', 'voucher_card'), fc.string({ maxLength: 8 })), installments_cost: fc.constantFrom('seller', 'buyer', 'x'), voucher_type: fc.constantFrom('sodexo', 'alelo') },
    { requiredKeys: [] },
  );
  const info = fc.record({ external_reference: fc.string({ maxLength: 70 }), print_on_terminal: fc.oneof(fc.boolean(), fc.string({ maxLength: 4 })), ticket_number: fc.string({ maxLength: 25 }) }, { requiredKeys: [] });
  const body = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.record({ amount: fc.oneof(fc.integer({ min: -1000, max: 500_000_000 }), fc.double(), fc.string({ maxLength: 6 }), fc.constant(null)), description: fc.oneof(fc.string({ maxLength: 160 }), fc.integer()), payment, additional_info: info }, { requiredKeys: [] }),
  );

  it('POST never answers 500; a refusal is the legacy envelope and stores nothing', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const res = await as(caja, shop.seller, { method: 'POST', url: `/point/integration-api/devices/${t.id}/payment-intents`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
        expect(res.statusCode, `${JSON.stringify(payload)} ${res.body}`).toBeLessThan(500);
        if (res.statusCode === 201) {
          expect((await deleteIntent(caja, shop, t.id, res.json().id)).statusCode).toBe(200);
          return;
        }
        expect(res.statusCode, res.body).toBe(400);
        expect(legacy(res)).toMatchObject({ status: 400, error: 'bad_request', message: expect.any(String) });
      }),
      { numRuns: 80 },
    );
    // Nothing refused was queued.
    const i = await newIntent(caja, shop, t.id);
    expect((await deleteIntent(caja, shop, t.id, i.id)).statusCode).toBe(200);
  });

  it('arbitrary events queries and ids are 200, 400 or 404, never 500', async () => {
    const value = fc.oneof(fc.date({ noInvalidDate: true, min: new Date('1900-01-01'), max: new Date('2100-01-01') }).map((d) => d.toISOString().slice(0, 10)), fc.string({ maxLength: 12 }), fc.constant('2024-02-30'));
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom('startDate', 'endDate', 'other'), value, { maxKeys: 3 }), async (q) => {
        const res = await as(caja, shop.seller, { method: 'GET', url: '/point/integration-api/payment-intents/events', query: q });
        expect([200, 400], `${JSON.stringify(q)} ${res.body}`).toContain(res.statusCode);
      }),
      { numRuns: 60 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s !== '.' && s !== '..'), async (id) => {
        const res = await as(caja, shop.seller, { method: 'GET', url: `/point/integration-api/payment-intents/${encodeURIComponent(id)}` });
        expect([400, 404], `${id} ${res.body}`).toContain(res.statusCode);
      }),
      { numRuns: 60 },
    );
  });
});
