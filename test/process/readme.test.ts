import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { ADMIN_TOKEN, processEnv } from '../support/harness.js';
import { spawnCaja, type CajaProcess } from '../support/process.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The README's walk-through, exactly as written between its markers. */
function walkthrough(): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const block = /<!-- walkthrough:start -->\s*```bash\n([\s\S]*?)```\s*<!-- walkthrough:end -->/.exec(readme);
  if (!block) throw new Error('README has no walkthrough block');
  return block[1]!;
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

describe('the README walk-through', () => {
  let db: TestDatabase;
  let caja: CajaProcess;
  beforeAll(async () => {
    db = await freshDatabase();
    caja = await spawnCaja(processEnv(db));
  });
  afterAll(async () => {
    await caja.kill('SIGTERM');
    await db.drop();
  });

  it('works as written: seller, store, POS, QR, webhook, dynamic order, wallet payment, refund', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caja-readme-'));
    const run = spawnSync('bash', ['-euo', 'pipefail', '-c', walkthrough()], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: dir, CAJA: caja.url, ADMIN: ADMIN_TOKEN, WEBHOOK_PORT: String(await freePort()) },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const out = run.stdout;
    expect(run.status, `${out}\n${run.stderr}`).toBe(0);
    expect(out).toMatch(/^seller \d+$/m);
    expect(out).toMatch(/^POS \d+, QR image at http:\/\/localhost:\d+\/instore\/merchant\/qr\/\d+\/[0-9a-f]{64}\.png$/m);
    expect(fs.readFileSync(path.join(dir, 'pos-qr.png')).subarray(1, 4).toString()).toBe('PNG');
    expect(out).toMatch(/^webhook secret [0-9a-f]{64}$/m);
    expect(out).toMatch(/^order ORD[0-9A-Z]{26} is created; its QR says 000201010212/m);
    expect(out).toMatch(/"status":"payable".*"amount":"1250.00","currency":"ARS"/);
    expect(out).toMatch(/"status":"approved","status_detail":"accredited","amount":"1250.00"/);
    expect(out).toMatch(/^order ORD[0-9A-Z]{26} is processed\/accredited$/m);
    expect(out).toMatch(/POST \/webhooks\?data\.id=ORD[0-9A-Z]{26}&type=order \{"action":"order\.processed"/);
    expect(out).toMatch(/"status":"delivered"/);
    expect(out).toMatch(/^order ORD[0-9A-Z]{26} is refunded$/m);
    expect(out.trim().split('\n').at(-1)).toBe('1');
  });
});
