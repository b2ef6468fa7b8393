import { beforeAll, describe, expect, it } from 'vitest';
import { fingerprint, idempotent, ownedBy, type HttpOutcome } from '../../src/http/idempotency.js';
import { IDEMPOTENCY_RETENTION_MS } from '../../src/store/repos/idempotency.js';
import { sql } from 'kysely';
import { testbed, type TestSeller } from '../support/harness.js';

describe('idempotency store', () => {
  const caja = testbed({ workers: false });
  let seller: TestSeller;
  beforeAll(async () => {
    seller = await caja.seller('MLA');
  });

  const store = () => caja.runtime.ctx.store;
  const call = (key: string, fp = 'fp-1', now = Date.now()) => ({ key, fingerprint: fp, owner: ownedBy(seller.user_id, now) });
  /** A command that counts its runs and writes a row, so a rollback is observable. */
  function counting(outcome: HttpOutcome) {
    const c = { runs: 0 };
    const run = async (tx: Parameters<Parameters<typeof idempotent>[2]>[0]) => {
      c.runs++;
      await tx.ex.insertInto('settings').values({ key: `effect-${Math.random()}`, value: 'x' }).execute();
      return outcome;
    };
    return { c, run };
  }
  const effects = async () => Number((await sql<{ n: number }>`SELECT COUNT(*) AS n FROM settings WHERE key LIKE 'effect-%'`.execute(store().db)).rows[0]!.n);

  it('fingerprints requests by method, path and canonical body', () => {
    expect(fingerprint('POST', '/v1/orders', { a: 1, b: [1, { c: 2, d: 3 }] })).toBe(fingerprint('POST', '/v1/orders', { b: [1, { d: 3, c: 2 }], a: 1 }));
    expect(fingerprint('POST', '/v1/orders', { a: 1 })).not.toBe(fingerprint('POST', '/v1/orders', { a: 2 }));
    expect(fingerprint('POST', '/v1/orders/1/cancel', undefined)).not.toBe(fingerprint('POST', '/v1/orders/2/cancel', undefined));
  });

  // The command runs first and the key is stored at its end (http/idempotency.ts): a replay may run
  // the command again, and its writes roll back. What is counted is what commits.
  it('acts once per key and replays the original status and body', async () => {
    const before = await effects();
    const { c, run } = counting({ status: 201, body: { id: 'ORD1', n: 1 } });
    const first = await idempotent(store(), call('k-replay'), run);
    const again = await idempotent(store(), call('k-replay'), run);
    // json: the stored text, which an edge may send as it is.
    expect(first).toEqual({ kind: 'fresh', outcome: { status: 201, body: { id: 'ORD1', n: 1 } }, json: '{"id":"ORD1","n":1}' });
    expect(again).toEqual({ kind: 'replay', outcome: { status: 201, body: { id: 'ORD1', n: 1 } }, json: '{"id":"ORD1","n":1}' });
    expect(c.runs).toBeGreaterThanOrEqual(1);
    expect(await effects()).toBe(before + 1);
  });

  it('a stored answer wins whatever the command does this time (a refusal, an error); without one, they are answered as they are', async () => {
    await idempotent(store(), call('k-wins'), counting({ status: 201, body: { id: 'A' } }).run);
    const refused = counting({ status: 409, body: { errors: [] } });
    const thrown = async () => {
      throw new Error('boom');
    };
    expect(await idempotent(store(), call('k-wins'), refused.run)).toMatchObject({ kind: 'replay', outcome: { status: 201, body: { id: 'A' } } });
    expect(await idempotent(store(), call('k-wins'), thrown)).toMatchObject({ kind: 'replay', outcome: { status: 201, body: { id: 'A' } } });
    expect(await idempotent(store(), call('k-wins', 'fp-other'), refused.run)).toEqual({ kind: 'key_reused' });
    expect(await idempotent(store(), call('k-none'), refused.run)).toEqual({ kind: 'fresh', outcome: { status: 409, body: { errors: [] } } });
    await expect(idempotent(store(), call('k-none'), thrown)).rejects.toThrow('boom');
  });

  it('refuses the same key with a different request', async () => {
    const { run } = counting({ status: 201, body: {} });
    await idempotent(store(), call('k-reuse', 'fp-a'), run);
    expect(await idempotent(store(), call('k-reuse', 'fp-b'), run)).toEqual({ kind: 'key_reused' });
  });

  it('stores nothing for a refused request, so the key can be used again', async () => {
    const before = await effects();
    const refused = counting({ status: 409, body: { errors: [] } });
    expect(await idempotent(store(), call('k-refused'), refused.run)).toEqual({ kind: 'fresh', outcome: { status: 409, body: { errors: [] } } });
    expect(await effects()).toBe(before);
    const ok = counting({ status: 200, body: { ok: true } });
    expect((await idempotent(store(), call('k-refused', 'another'), ok.run)).kind).toBe('fresh');
    expect(ok.c.runs).toBe(1);
  });

  it('frees a key after 24 hours on the seller clock', async () => {
    const t0 = Date.now();
    const before = await effects();
    const { run } = counting({ status: 201, body: {} });
    await idempotent(store(), call('k-old', 'fp-1', t0), run);
    expect((await idempotent(store(), call('k-old', 'fp-2', t0 + IDEMPOTENCY_RETENTION_MS - 1), run)).kind).toBe('key_reused');
    expect(await effects()).toBe(before + 1);
    expect((await idempotent(store(), call('k-old', 'fp-2', t0 + IDEMPOTENCY_RETENTION_MS + 1), run)).kind).toBe('fresh');
    expect(await effects()).toBe(before + 2);
    // The new answer replaced the old one: the same request now replays it.
    expect((await idempotent(store(), call('k-old', 'fp-2', t0 + IDEMPOTENCY_RETENTION_MS + 2), run)).kind).toBe('replay');
    expect(await effects()).toBe(before + 2);
  });

  it('a duplicate arriving while the first is in flight does not act twice', async () => {
    const before = await effects();
    const { c, run } = counting({ status: 201, body: { id: 'ORD-race' } });
    const slow = async (tx: Parameters<typeof run>[0]) => {
      const out = await run(tx);
      await new Promise((r) => setTimeout(r, 100));
      return out;
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => idempotent(store(), call('k-race'), slow)));
    expect(c.runs).toBeGreaterThanOrEqual(1);
    expect(await effects()).toBe(before + 1);
    expect(results.filter((r) => r.kind === 'fresh')).toHaveLength(1);
    for (const r of results) expect(r).toMatchObject({ outcome: { status: 201, body: { id: 'ORD-race' } } });
  });
});
