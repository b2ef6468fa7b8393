import fs from 'node:fs';
import path from 'node:path';

/** What marks a directory as caja's own (so that an existing one may be made private). */
const OURS = ['caja.db', 'admin-token'];

/**
 * The data directory holds webhook secrets and the admin token: it is
 * created private to the user (0700). An existing one is tightened when it is
 * caja's (empty, or already holding caja's files), never another directory
 * someone pointed CAJA_DATA_DIR at.
 */
export function privateDataDir(dir: string): void {
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.chmodSync(dir, 0o700);
    return;
  }
  const entries = fs.readdirSync(dir);
  if ((entries.length === 0 || entries.some((e) => OURS.includes(e))) && (fs.statSync(dir).mode & 0o077) !== 0) fs.chmodSync(dir, 0o700);
}

/** Creates the file if absent with 0600 (no window in which it is readable by others), and tightens an existing one. */
export function privateFile(file: string, create = true): void {
  if (create) fs.closeSync(fs.openSync(file, 'a', 0o600));
  else if (!fs.existsSync(file)) return;
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
}

/** The SQLite database and its WAL and shared-memory files (SQLite creates those with the database's mode). */
export function privateSqliteFiles(dbFile: string, create: boolean): void {
  privateFile(dbFile, create);
  for (const suffix of ['-wal', '-shm']) privateFile(`${dbFile}${suffix}`, false);
}

export const sqliteFile = (dataDir: string) => path.join(dataDir, 'caja.db');
