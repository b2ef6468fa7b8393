// Scale scenarios of issue 14, on one database at a time:
//  - expiry: N dynamic QR orders expiring at one instant (bulk-loaded copies of
//    one order created through the API, bench/bulk.ts), then the seller's clock
//    is advanced past their expiration: time until every order is expired and
//    its order.expired event (and the seller's skipped delivery row: no webhook
//    configured) is committed in the outbox.
//  - stored: create and get throughput on an empty database against one
//    holding M bulk-loaded orders, in the same run, alternating.
// Run alone:
//   node bin/run-ts.js bench/scale.ts [--db sqlite|postgres] [--expiry 100000] [--webhook] [--stored 1000000] [--seconds 5]
// (--webhook: the expiring orders' seller has a webhook, a receiver in this process, and the
// expiry result adds the time until the last order.expired webhook arrived)
// (--expiry 0 or --stored 0 skips a scenario; --keep <dir> leaves the SQLite databases of
// --stored there and reuses them on the next run, to compare builds on one load); --write puts the results in docs/PERFORMANCE.md's scale block.
// BENCH_CAJA_ENV='{"CAJA_PG_PIPELINE":"off"}' gives caja more settings; BENCH_CAJA_PROF=<dir> profiles it (scale-lib.ts).
import { parseArgs } from 'node:util';
import { startEmbeddedPostgres, type RunningPostgres } from '../test/support/embedded-pg.js';
import { postgresTarget, sqliteTarget } from './lib.js';
import { benchExpiry, benchStored, scaleReport, writeScaleBlock, type ExpiryResult, type StoredResult } from './scale-lib.js';
const { values } = parseArgs({ options: { db: { type: 'string', default: 'sqlite' }, expiry: { type: 'string', default: '100000' }, stored: { type: 'string', default: '1000000' }, seconds: { type: 'string', default: '5' }, rounds: { type: 'string', default: '2' }, keep: { type: 'string' }, write: { type: 'boolean', default: false }, webhook: { type: 'boolean', default: false } } });
const expiry: ExpiryResult[] = [];
const stored: StoredResult[] = [];
for (const db of values.db!.split(',')) {
  let embedded: RunningPostgres | undefined;
  if (db === 'postgres') embedded = await startEmbeddedPostgres({ fast: false });
  try {
    const target = embedded ? postgresTarget(embedded.url) : sqliteTarget();
    if (Number(values.expiry) > 0) {
      console.log(`== ${db}: expiry`);
      expiry.push(await benchExpiry(target, Number(values.expiry), values.webhook));
      console.log(JSON.stringify(expiry.at(-1)));
    }
    if (Number(values.stored) > 0) {
      console.log(`== ${db}: stored`);
      stored.push(await benchStored(target, Number(values.stored), Number(values.seconds), Number(values.rounds), values.keep));
    }
  } finally {
    await embedded?.stop();
  }
}
const text = scaleReport(expiry, stored);
console.log(text);
if (values.write) writeScaleBlock(text);
