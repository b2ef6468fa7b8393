import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

/** What one process has written and holds, from /proc (Linux). */
export interface ProcStats {
  rssBytes: number;
  /** Bytes the process dirtied in the page cache: what reaches the disk (files only). */
  writeBytes: number;
  /** Bytes passed to write(2) and send(2): files, sockets, pipes. */
  wchar: number;
}

export function procStats(pid: number): ProcStats {
  const io = fs.readFileSync(`/proc/${pid}/io`, 'utf8');
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (text: string, name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? NaN);
  return { rssBytes: field(status, 'VmRSS') * 1024, writeBytes: field(io, 'write_bytes'), wchar: field(io, 'wchar') };
}

export interface DbSize {
  /** Database bytes (SQLite: the main file; PostgreSQL: pg_database_size). */
  dbBytes: number;
  /** SQLite: the -wal file; PostgreSQL: WAL generated since the probe opened (pg_current_wal_lsn). */
  walBytes: number;
}

export interface DbProbe {
  size(): Promise<DbSize>;
  close(): Promise<void>;
}

const fileSize = (f: string) => (fs.existsSync(f) ? fs.statSync(f).size : 0);

export async function dbProbe(env: Record<string, string>): Promise<DbProbe> {
  if (!env.DATABASE_URL) {
    const file = path.join(env.CAJA_DATA_DIR!, 'caja.db');
    return { size: async () => ({ dbBytes: fileSize(file), walBytes: fileSize(`${file}-wal`) }), close: async () => {} };
  }
  const c = new pg.Client({ connectionString: env.DATABASE_URL });
  await c.connect();
  const lsn = async () => (await c.query<{ l: string }>('SELECT pg_current_wal_lsn()::text AS l')).rows[0]!.l;
  const toBytes = (l: string) => {
    const [hi, lo] = l.split('/');
    return parseInt(hi!, 16) * 2 ** 32 + parseInt(lo!, 16);
  };
  const start = toBytes(await lsn());
  return {
    async size() {
      const db = await c.query<{ n: string }>('SELECT pg_database_size(current_database())::text AS n');
      return { dbBytes: Number(db.rows[0]!.n), walBytes: toBytes(await lsn()) - start };
    },
    close: () => c.end(),
  };
}

export const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
