import { describe, expect, it } from 'vitest';
import { testDialect } from '../support/database.js';
import { recorded } from '../support/statements.js';
import { getOrder, order, shopTestbed } from '../support/orders-fixtures.js';

const authenticating = (texts: string[]) => texts.filter((t) => t.includes('"credentials"'));

// What a create and a get cost in statements (PERFORMANCE.md): each authenticates in the read it
// makes anyway (auth.ts sellerInRead), and on PostgreSQL a create's inserts go as one statement
// (store/pg-client.ts) which, once the process has read that token's POS, also checks that read
// instead of making it (store/verified-reads.ts): the create is one statement.
describe('the statements of a QR create and a get', () => {
  // No background loops: only the requests' own statements are counted.
  const t = shopTestbed('MLA', { workers: false });

  it('a create reads its seller, POS, store and options in one statement inside its transaction; on PostgreSQL two round trips, then one statement', async () => {
    const { caja, s } = t;
    const body = s.body({ config: { qr: { external_pos_id: s.pos.external_id, mode: 'dynamic' } } });
    // The token's first sight (auth.ts) and the connection's named statements, on a POS the seller does not have.
    expect((await order(caja, s.seller, s.body({ config: { qr: { external_pos_id: 'NOPOS', mode: 'dynamic' } } }))).statusCode).toBe(404);
    const first = await recorded(() => order(caja, s.seller, body));
    expect(first.value.statusCode).toBe(201);
    const auth = authenticating(first.texts);
    expect(auth).toHaveLength(1);
    expect(auth[0]).toMatch(/"pos"/);
    expect(auth[0]).toMatch(/"mp_seller_options"/);
    const begin = first.texts.findIndex((x) => /^(begin|savepoint)/i.test(x));
    expect(begin).toBeGreaterThanOrEqual(0);
    expect(first.texts.indexOf(auth[0]!)).toBeGreaterThan(begin);
    if (testDialect === 'postgres') {
      // The first create of this token and POS: BEGIN with the read (and its row's fingerprint); the order, its QR code, its timer and the idempotency key as one statement with the COMMIT.
      expect(first.texts.map((x) => x.split(' ').slice(0, 3).join(' '))).toEqual(['begin', 'select r.*, md5(row_to_json(r)::text)', 'with "w0" as', 'commit']);
      expect(first.writes).toBe(2);
    }
    const r = await recorded(() => order(caja, s.seller, body));
    expect(r.value.statusCode).toBe(201);
    if (testDialect === 'postgres') {
      // Later ones: the read, as a check of that fingerprint, and the four inserts are one statement, its own transaction.
      expect(r.texts).toHaveLength(1);
      expect(r.texts[0]).toMatch(/^with "c0" as \(select cast\(case when exists \(select 1 from \(select "sellers"\.\*.*"credentials".*"mp_seller_options".*\) r where md5\(row_to_json\(r\)::text\) = \$\d+\)/);
      expect(r.texts[0]).toMatch(/insert into "idempotency_keys" .* returning \(select ok from "c0"\)$/);
      expect(r.writes).toBe(1);
    } else expect(authenticating(r.texts)).toEqual(auth); // SQLite reads every time
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
