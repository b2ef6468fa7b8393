// The start baseline: Fastify and better-sqlite3, opening a database and
// answering /health. Plain JavaScript: nothing to compile.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import Fastify from 'fastify';

const dir = process.env.CAJA_DATA_DIR;
fs.mkdirSync(dir, { recursive: true });
const db = new BetterSqlite3(path.join(dir, 'baseline.db'));
db.pragma('journal_mode = WAL');
db.exec('CREATE TABLE IF NOT EXISTS rows (id TEXT PRIMARY KEY, body TEXT NOT NULL, created_at BIGINT NOT NULL)');
const app = Fastify({ logger: false });
app.get('/health', async () => ({ status: 'ok' }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
