import type { Config } from '../config/config.js';
import { systemClock } from '../core/clock.js';
import { pruneAll } from '../jobs/retention/prune.js';
import { openStore } from '../store/db.js';
import { migrate } from '../store/migrate.js';
import { storageReport, type StorageReport } from '../store/stats.js';

const size = (b: number | undefined) => (b === undefined ? '-' : b < 1024 * 1024 ? `${(b / 1024).toFixed(1)} KB` : `${(b / 1024 / 1024).toFixed(1)} MB`);

function print(report: StorageReport, write: (line: string) => void): void {
  write(`${'table'.padEnd(24)}${'rows'.padStart(12)}${'bytes'.padStart(14)}`);
  const sorted = [...report.tables].sort((a, b) => (b.bytes ?? 0) - (a.bytes ?? 0) || b.rows - a.rows);
  for (const t of sorted) write(`${t.table.padEnd(24)}${t.rows.toLocaleString('en').padStart(12)}${size(t.bytes).padStart(14)}`);
  if (report.freeBytes !== undefined) write(`${'(free, to be reused)'.padEnd(24)}${''.padStart(12)}${size(report.freeBytes).padStart(14)}`);
  write(`${'database'.padEnd(24)}${''.padStart(12)}${size(report.totalBytes).padStart(14)}`);
}

/** `caja storage [--prune]`: what is stored, by table; --prune removes what retention allows, now. */
export async function storageCommand(config: Config, args: string[], write: (line: string) => void = console.log): Promise<void> {
  const prune = args.includes('--prune');
  const store = openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    await migrate(store);
    write(`caja storage: ${store.dialect === 'postgres' ? 'PostgreSQL' : `SQLite ${config.dataDir}/caja.db`}`);
    print(await storageReport(store), write);
    if (!prune) return;
    // Same batches and pauses as the server's own pass: a running caja on this database keeps answering.
    const removed = await pruneAll(store, config.retention, { realNow: () => systemClock.realNow() });
    write('');
    write('removed now (retention settings from the environment):');
    for (const [rule, n] of Object.entries(removed)) write(`  ${rule.padEnd(22)}${n.toLocaleString('en').padStart(12)}`);
    write('');
    print(await storageReport(store), write);
  } finally {
    await store.close();
  }
}
