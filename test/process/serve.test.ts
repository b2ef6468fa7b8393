import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, testDialect, type TestDatabase } from '../support/database.js';
import { http, spawnCaja, type CajaProcess } from '../support/process.js';
import { migrationFiles } from '../../src/store/migrate.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const dbEnv = (db: TestDatabase) => ({ CAJA_DATA_DIR: db.dataDir, ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}) });

describe('caja serve, the process', () => {
  let db: TestDatabase;
  let caja: CajaProcess;
  beforeAll(async () => {
    db = await freshDatabase();
    // At info, so the test sees any log line printed before the banner.
    caja = await spawnCaja({ ...dbEnv(db), CAJA_SEED: 'on', LOG_LEVEL: 'info' });
  });
  afterAll(async () => {
    if (caja.child.exitCode === null) await caja.kill('SIGKILL');
    await db.drop();
  });

  it('seeds a demo seller, store and POS on the first start and prints how to use them', async () => {
    const banner = caja.output.join('');
    const token = /access token:\s+(APP_USR-\S+)/.exec(banner)?.[1];
    expect(token).toMatch(/^APP_USR-\d+-\d{6}-[0-9a-f]{32}-\d+$/);
    expect(banner).toContain(`API base URL:   http://localhost:${new URL(caja.url).port}`);
    expect(banner).toMatch(/API docs:\s+\S+\/docs/);
    expect(banner).toMatch(/POS external id DEMOPOS001/);
    expect(banner).toMatch(/Admin token:\s+generated and stored in .*admin-token/);
    expect(banner).toMatch(/webhook secret: [0-9a-f]{64}/);
    // No JSON log line before the banner.
    expect(banner.trimStart().startsWith('caja is listening on')).toBe(true);
    // The first curl to copy works as printed.
    const curl = /curl -s (\S+) -H 'Authorization: Bearer (APP_USR-\S+)'/.exec(banner)!;
    const first = await fetch(curl[1]!, { headers: { authorization: `Bearer ${curl[2]}` } });
    expect(await first.json()).toMatchObject({ site_id: 'MLA' });
    const qr = /POS QR image:\s+(\S+)/.exec(banner)![1]!;
    const me = await http(caja.url, 'GET', '/users/me', { token });
    expect(me.body).toMatchObject({ site_id: 'MLA', country_id: 'AR' });
    const img = await fetch(caja.url + new URL(qr).pathname);
    expect(img.status).toBe(200);
    expect(img.headers.get('content-type')).toBe('image/png');
    // The demo's Point terminal, in PDV mode so it takes orders at once.
    const terminal = /Point terminal:\s+(NEWLAND_N950__SBX\d{7}) \(PDV mode/.exec(banner)?.[1];
    expect(terminal).toBeDefined();
    const list = await http(caja.url, 'GET', '/terminals/v1/list', { token });
    expect(list.body).toMatchObject({ data: { terminals: [{ id: terminal, operating_mode: 'PDV', external_pos_id: 'DEMOPOS001' }] }, paging: { total: 1 } });
  });

  it('answers /health with its database', async () => {
    expect((await http(caja.url, 'GET', '/health')).body).toEqual({ status: 'ok', database: testDialect });
  });

  it('SIGTERM finishes and exits 0; the next start reuses the admin token and does not seed again', async () => {
    expect(await caja.kill('SIGTERM')).toBe(0);
    const again = await spawnCaja({ ...dbEnv(db), CAJA_SEED: 'on' });
    try {
      const banner = again.output.join('');
      expect(banner).toMatch(/Admin token:\s+stored in/);
      expect(banner).not.toMatch(/Demo seller created/);
      // A restart still says how to get a token: the CLI and the admin API.
      expect(banner).toMatch(/1 seller in the database/);
      expect(banner).toContain('npm run caja -- token <user_id>');
      const issue = /curl -s -X POST (\S+)\/sandbox\/sellers\/<user_id>\/tokens -H "Authorization: Bearer \$\(cat (\S+)\)"/.exec(banner)!;
      expect(issue[1]).toBe(again.url.replace('127.0.0.1', 'localhost'));
      expect(issue[2]).toMatch(/admin-token$/);

      // A port already in use: one clear line, no stack trace.
      const port = new URL(again.url).port;
      const clash = spawnSync(process.execPath, [path.join(ROOT, 'bin/caja.js'), 'serve'], {
        cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...dbEnv(db), PORT: port, LOG_LEVEL: 'info' }, encoding: 'utf8', timeout: 60_000,
      });
      expect(clash.status).toBe(1);
      expect(clash.stderr.trim()).toBe(`caja cannot start: port ${port} on 127.0.0.1 is already in use (another caja?); stop it or set PORT`);
      expect(clash.stdout).toBe('');

      // The CLI lists the sellers and issues a token that works.
      const cli = (args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'bin/caja.js'), ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...dbEnv(db) }, encoding: 'utf8', timeout: 60_000 });
      const list = cli(['sellers']);
      expect(list.status, list.stderr).toBe(0);
      const userId = /^(\d+)\s+MLA\s+Demo Seller$/m.exec(list.stdout)?.[1];
      expect(userId).toBeDefined();
      const token = cli(['token', userId!]);
      expect(token.status, token.stderr).toBe(0);
      const fresh = /^(APP_USR-\S+)$/m.exec(token.stdout)![1]!;
      expect((await http(again.url, 'GET', '/users/me', { token: fresh })).body).toMatchObject({ id: Number(userId) });
      expect(cli(['token', '42']).status).toBe(1);
    } finally {
      expect(await again.kill('SIGINT')).toBe(0);
    }
  }, 150_000);
});

describe('configuration and commands', () => {
  const run = (args: string[], env: Record<string, string>) =>
    spawnSync(process.execPath, [path.join(ROOT, 'bin/caja.js'), ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 60_000 });

  it('a bad value stops the start with a message naming it', () => {
    const r = run(['serve'], { PORT: 'eighty', LOG_LEVEL: 'loud', CAJA_WEBHOOK_RETRY_SCHEDULE: '5 minutes', DATABASE_URL: 'mysql://x' });
    expect(r.status).toBe(1);
    for (const name of ['PORT', 'LOG_LEVEL', 'CAJA_WEBHOOK_RETRY_SCHEDULE', 'DATABASE_URL']) expect(r.stderr).toContain(name);
  });

  it('caja migrate applies the migrations alone, then has nothing to do', async () => {
    const db = await freshDatabase();
    try {
      const first = run(['migrate'], dbEnv(db));
      expect(first.status, first.stderr).toBe(0);
      expect(first.stdout.trim()).toBe(`applied: ${migrationFiles().map((f) => f.replace('.sql', '')).join(', ')}`);
      const second = run(['migrate'], dbEnv(db));
      expect(second.stdout).toMatch(/nothing to apply/);
    } finally {
      await db.drop();
    }
  });

  it('an unknown command is refused with the usage', () => {
    const r = run(['fly'], {});
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/usage: caja/);
  });
});
