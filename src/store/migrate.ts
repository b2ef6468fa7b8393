import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Store } from './db.js';

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
// Any constant: serialises migration runs of several caja processes on one Postgres.
const PG_MIGRATION_LOCK = 7_265_736;

/** Statements split on a ";" that ends a line; migrations keep ";" out of literals. */
export function splitStatements(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n')
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function migrationFiles(): string[] {
  return fs.readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
}

/** Applies pending migrations in order, each in its own transaction. Forward-only. */
export async function migrate(store: Store, now: () => number = Date.now): Promise<string[]> {
  await store.transaction(async ({ ex }) => {
    if (store.dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${PG_MIGRATION_LOCK})`.execute(ex);
    await sql`CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)`.execute(ex);
  });
  const applied: string[] = [];
  for (const file of migrationFiles()) {
    const version = file.replace(/\.sql$/, '');
    const did = await store.transaction(async ({ ex }) => {
      if (store.dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${PG_MIGRATION_LOCK})`.execute(ex);
      const done = await ex.selectFrom('schema_migrations').select('version').where('version', '=', version).executeTakeFirst();
      if (done) return false;
      for (const statement of splitStatements(fs.readFileSync(MIGRATIONS_DIR + file, 'utf8'))) {
        await sql.raw(statement).execute(ex);
      }
      await ex.insertInto('schema_migrations').values({ version, applied_at: now() }).execute();
      return true;
    });
    if (did) applied.push(version);
  }
  return applied;
}
