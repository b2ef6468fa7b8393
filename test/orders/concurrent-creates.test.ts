import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { created, expectOrdersError, order, orderCount, shopTestbed } from '../support/orders-fixtures.js';

// Requests arriving together: on SQLite their transactions share one COMMIT (store/group-commit.ts),
// on PostgreSQL they run side by side; either way each stands or falls alone.
describe('creates arriving together', () => {
  const t = shopTestbed();

  it('each answers on its own: a refused one stores nothing, the others are stored, a repeated key replays', async () => {
    const { caja, s } = t;
    const stats = caja.runtime.ctx.store.groupCommit;
    const before = stats && { ...stats };
    const keys = Array.from({ length: 12 }, () => randomUUID());
    const refusedKey = keys[5]!;
    const answers = await Promise.all(
      keys.map((k) => order(caja, s.seller, k === refusedKey ? s.body({ config: { qr: { external_pos_id: 'NO_SUCH_POS' } } }) : s.body({ external_reference: `together_${k}` }), k)),
    );
    answers.forEach((res, i) => {
      if (keys[i] === refusedKey) expectOrdersError(res, 404, 'pos_not_found');
      else expect(res.statusCode, res.body).toBe(201);
    });
    const ids = answers.filter((r) => r.statusCode === 201).map((r) => r.json().id as string);
    expect(new Set(ids).size).toBe(11);
    expect(await orderCount(caja, s.seller)).toBe(11);
    if (stats && before) {
      // SQLite: requests read together commit together (inject delivers these 12 over two or three
      // turns of the event loop); the refused one rolled back alone and is not counted.
      expect(stats.members - before.members).toBeGreaterThanOrEqual(11);
      expect(stats.groups - before.groups).toBeLessThanOrEqual(6);
    }
    // Nothing of the refused request was kept: its key is free for a good request.
    const fixed = await created(caja, s.seller, s.body());
    expect(fixed.id).toBeDefined();
    expect((await order(caja, s.seller, s.body(), refusedKey)).statusCode).toBe(201);
    // A key sent twice in one burst: one order, the same answer twice.
    const twice = randomUUID();
    const body = s.body();
    const [a, b] = await Promise.all([order(caja, s.seller, body, twice), order(caja, s.seller, body, twice)]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(b.body).toBe(a.body);
    expect(await orderCount(caja, s.seller)).toBe(14);
  });
});
