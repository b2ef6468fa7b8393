import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runChaos } from '../../bench/chaos-core.js';
import { freshDatabase, type TestDatabase } from '../support/database.js';

/** The short version of `npm run chaos` (bench/chaos.ts): one kill -9 under creates and payments, then every check. */
describe('kill -9 under load (short chaos run)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(async () => db.drop());

  it('every acknowledged write exists, nothing doubled, nothing paid twice, every event delivered', async () => {
    const seed = Number(process.env.CAJA_CHAOS_SEED ?? Date.now() % 2 ** 31);
    const r = await runChaos({ databaseUrl: db.databaseUrl, dataDir: db.dataDir, kills: 1, minGapMs: 800, maxGapMs: 2_000, concurrency: 4, seed });
    expect(r.problems, `seed ${seed}`).toEqual([]);
    expect(r.createsAcked).toBeGreaterThan(0);
    expect(r.deliveries).toBeGreaterThanOrEqual(r.paysAcked);
  }, 150_000);
});
