import { describe, expect, it } from 'vitest';
import { testDialect } from '../support/database.js';
import { recorded } from '../support/statements.js';
import { getOrder, order, shopTestbed } from '../support/orders-fixtures.js';

const authenticating = (texts: string[]) => texts.filter((t) => t.includes('"credentials"'));

// What a create and a get cost in statements (PERFORMANCE.md): each authenticates in the read it
// makes anyway (auth.ts sellerInRead), and on PostgreSQL a create's inserts go as one statement
// with the COMMIT (store/pg-client.ts).
describe('the statements of a QR create and a get', () => {
  // No background loops: only the requests' own statements are counted.
  const t = shopTestbed('MLA', { workers: false });

  it('a create reads its seller, POS, store and options in one statement inside its transaction; on PostgreSQL two round trips', async () => {
    const { caja, s } = t;
    const body = s.body({ config: { qr: { external_pos_id: s.pos.external_id, mode: 'dynamic' } } });
    expect((await order(caja, s.seller, body)).statusCode).toBe(201); // statements named, connection open
    const r = await recorded(() => order(caja, s.seller, body));
    expect(r.value.statusCode).toBe(201);
    const auth = authenticating(r.texts);
    expect(auth).toHaveLength(1);
    expect(auth[0]).toMatch(/"pos"/);
    expect(auth[0]).toMatch(/"mp_seller_options"/);
    const begin = r.texts.findIndex((x) => /^(begin|savepoint)/i.test(x));
    expect(begin).toBeGreaterThanOrEqual(0);
    expect(r.texts.indexOf(auth[0]!)).toBeGreaterThan(begin);
    if (testDialect === 'postgres') {
      // BEGIN with the read; the order, its QR code, its timer and the idempotency key as one statement with the COMMIT.
      expect(r.texts.map((x) => x.split(' ').slice(0, 3).join(' '))).toEqual(['begin', 'select "sellers".*, "pos"."id"', 'with "w0" as', 'commit']);
      expect(r.writes).toBe(2);
    }
  });

  it('a get reads its seller and the order in one statement; on PostgreSQL one round trip', async () => {
    const { caja, s } = t;
    const body = s.body({ config: { qr: { external_pos_id: s.pos.external_id, mode: 'dynamic' } } });
    const created = await order(caja, s.seller, body);
    const id = created.json().id as string;
    expect((await getOrder(caja, s.seller, id)).statusCode).toBe(200);
    const r = await recorded(() => getOrder(caja, s.seller, id));
    expect(r.value.statusCode).toBe(200);
    expect(r.texts).toHaveLength(1);
    expect(authenticating(r.texts)[0]).toMatch(/"mp_orders"/);
    if (testDialect === 'postgres') expect(r.writes).toBe(1);
  });
});
