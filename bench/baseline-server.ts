// The raw baseline: the same web framework (Fastify) and the same driver
// (better-sqlite3 or pg), inserting or selecting one row and nothing else. caja's
// numbers are reported as ratios to this, measured in the same run.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';

const url = process.env.DATABASE_URL;
const app = Fastify({ logger: false });

type Db = { insert(id: string, body: string, at: number): Promise<void>; get(id: string): Promise<{ id: string; body: string; created_at: number } | undefined> };

async function open(): Promise<Db> {
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    await pool.query('CREATE TABLE IF NOT EXISTS rows (id TEXT PRIMARY KEY, body TEXT NOT NULL, created_at BIGINT NOT NULL)');
    return {
      insert: async (id, body, at) => void (await pool.query('INSERT INTO rows (id, body, created_at) VALUES ($1, $2, $3)', [id, body, at])),
      get: async (id) => (await pool.query('SELECT id, body, created_at FROM rows WHERE id = $1', [id])).rows[0],
    };
  }
  const dir = process.env.CAJA_DATA_DIR!;
  fs.mkdirSync(dir, { recursive: true });
  const db = new BetterSqlite3(path.join(dir, 'baseline.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE IF NOT EXISTS rows (id TEXT PRIMARY KEY, body TEXT NOT NULL, created_at BIGINT NOT NULL)');
  const ins = db.prepare('INSERT INTO rows (id, body, created_at) VALUES (?, ?, ?)');
  const sel = db.prepare('SELECT id, body, created_at FROM rows WHERE id = ?');
  return {
    insert: async (id, body, at) => void ins.run(id, body, at),
    get: async (id) => sel.get(id) as never,
  };
}

const db = await open();
app.post('/rows', async (req, reply) => {
  const id = randomUUID();
  await db.insert(id, JSON.stringify(req.body), Date.now());
  return reply.code(201).send({ id });
});
app.get<{ Params: { id: string } }>('/rows/:id', async (req, reply) => {
  const row = await db.get(req.params.id);
  return row ?? reply.code(404).send({ error: 'not found' });
});
const address = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(`listening on ${address}`);
const stop = () => void app.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
