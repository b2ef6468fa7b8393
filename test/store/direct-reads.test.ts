import { beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/domain/sellers/credentials.js';
import { directReadsOf } from '../../src/store/direct-reads.js';
import { readOrderRowWithSeller } from '../../src/store/repos/mp-orders.js';
import { testbed } from '../support/harness.js';
import { created, shop, type Shop } from '../support/orders-fixtures.js';

describe('direct reads (a poll of an order on SQLite, outside a transaction)', () => {
  const caja = testbed({ workers: false });
  let s: Shop;
  let id: string;
  beforeAll(async () => {
    s = await shop(caja, 'MLA');
    id = (await created(caja, s.seller, s.body())).id;
  });
  const store = () => caja.runtime.ctx.store;
  const token = () => hashSecret(s.seller.access_token);

  it('are SQLite only, and never a transaction', async () => {
    expect(directReadsOf(store().db) !== undefined).toBe(store().dialect === 'sqlite');
    await store().transaction(async (tx) => expect(directReadsOf(tx.ex)).toBeUndefined());
  });

  it('answer what the read through Kysely answers: a held version, a new one, no such order, no such token', async () => {
    const cases: Array<[string, string, number]> = [
      [token(), id, 1],
      [token(), id, -1],
      [token(), 'ORD00000000000000000000000000', -1],
      [hashSecret('APP_USR-nobody'), id, -1],
    ];
    for (const [hash, orderId, known] of cases) {
      const direct = await readOrderRowWithSeller(store().db, hash, orderId, known);
      // In a transaction the read goes through Kysely.
      const viaKysely = await store().transaction((tx) => readOrderRowWithSeller(tx.ex, hash, orderId, known));
      expect(direct).toEqual(viaKysely);
    }
    const found = await readOrderRowWithSeller(store().db, token(), id, -1);
    expect(found).toMatchObject({ seller: { id: s.seller.user_id, clock_offset_ms: 0 }, order: { version: 1, document: expect.stringContaining(id) } });
    expect(await readOrderRowWithSeller(store().db, token(), id, 1)).toMatchObject({ order: { version: 1, document: null } });
  });

  it("never see a transaction's uncommitted writes: inside one they answer undefined and the read waits for the connection", async () => {
    const db = store().db;
    const direct = directReadsOf(db);
    if (!direct) return expect(store().dialect).toBe('postgres');
    const count = `SELECT COUNT(*) FROM settings WHERE key = 'direct-reads-test'`;
    let during: unknown[][] | undefined = [];
    let read: Promise<unknown> | undefined;
    await expect(
      store().transaction(async (tx) => {
        await tx.ex.insertInto('settings').values({ key: 'direct-reads-test', value: 'uncommitted' }).execute();
        during = direct.run(count, []);
        // A poll while the transaction is open: it must not see the transaction's writes.
        read = readOrderRowWithSeller(db, token(), id, -1);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(during).toBeUndefined();
    expect(await read).toMatchObject({ order: { version: 1 } });
    expect(direct.run(count, [])).toEqual([[0]]);
  });
});
