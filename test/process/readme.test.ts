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

/** A README block, exactly as written between its markers. */
function block(name: string): string {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const found = new RegExp(`<!-- ${name}:start -->\\s*\`\`\`bash\\n([\\s\\S]*?)\`\`\`\\s*<!-- ${name}:end -->`).exec(readme);
  if (!found) throw new Error(`README has no ${name} block`);
  return found[1]!;
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

  it('works as written: seller, store, POS, QR, webhook, dynamic order, wallet payment, refund; then Depay', async () => {
    // A stand-in for the checkout: the reader runs the blocks from it, with the admin token in .caja/.
    const checkout = fs.mkdtempSync(path.join(os.tmpdir(), 'caja-readme-checkout-'));
    fs.mkdirSync(path.join(checkout, '.caja'));
    fs.writeFileSync(path.join(checkout, '.caja', 'admin-token'), ADMIN_TOKEN);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'caja-readme-tmp-'));
    // One terminal, as a reader would: the Depay block reuses the first block's variables.
    const run = spawnSync('bash', ['-euo', 'pipefail', '-c', `${block('walkthrough')}\n${block('terminals')}\n${block('depay')}`], {
      cwd: checkout,
      env: { PATH: process.env.PATH ?? '', HOME: checkout, TMPDIR: tmp, CAJA: caja.url, WEBHOOK_PORT: String(await freePort()), CALLBACK_PORT: String(await freePort()) },
      encoding: 'utf8',
      timeout: 115_000,
    });
    const out = run.stdout;
    expect(run.status, `${out}\n${run.stderr}`).toBe(0);
    // Nothing is left in the checkout: the blocks write in a scratch directory.
    expect(fs.readdirSync(checkout)).toEqual(['.caja']);
    const dir = /^working in (\S+)$/m.exec(out)![1]!;
    expect(dir.startsWith(tmp)).toBe(true);
    expect(out).toMatch(/^seller \d+$/m);
    expect(out).toMatch(/^POS \d+, QR image at http:\/\/localhost:\d+\/instore\/merchant\/qr\/\d+\/[0-9a-f]{64}\.png$/m);
    expect(fs.readFileSync(path.join(dir, 'pos-qr.png')).subarray(1, 4).toString()).toBe('PNG');
    expect(out).toMatch(/^webhook secret [0-9a-f]{64}$/m);
    expect(out).toMatch(/^order ORD[0-9A-Z]{26} is created; its QR says 000201010212/m);
    expect(out).toMatch(/"status":"payable".*"amount":"1250.00","currency":"ARS"/);
    expect(out).toMatch(/"status":"approved","status_detail":"accredited","amount":"1250.00"/);
    expect(out).toMatch(/^order ORD[0-9A-Z]{26} is processed\/accredited$/m);
    // The receiver prints the signature headers the README talks about.
    expect(out).toMatch(/POST \/webhooks\?data\.id=ORD[0-9A-Z]{26}&type=order\n  x-signature: ts=\d+,v1=[0-9a-f]{64}\n  x-request-id: [0-9a-f-]{36}\n  \{"action":"order\.processed"/);
    expect(out).toMatch(/"status":"delivered"/);
    expect(out).toMatch(/^payment \d+ is approved\/accredited: 1250 ARS by visa$/m);
    expect(out).toMatch(/^order ORD[0-9A-Z]{26} is processed, its refund processing$/m);
    expect(out).toMatch(/^order ORD[0-9A-Z]{26} is refunded$/m);
    expect(out).toMatch(/^1$/m);
    // Terminals: created STANDALONE, set to PDV, listed, the device tuned.
    expect(out).toMatch(/^terminal NEWLAND_N950__SBX\d{7} is STANDALONE$/m);
    expect(out).toMatch(/\{"terminals":\[\{"id":"NEWLAND_N950__SBX\d{7}","operating_mode":"PDV"\}\]\}/);
    expect(out).toMatch(/"external_pos_id":"SUC001POS001","operating_mode":"PDV"\}\]\},"paging":\{"total":1,"offset":0,"limit":50\}/);
    expect(out).toMatch(/^screen idle, take delay 0 ms$/m);
    // Point: the order, the device, the card, the webhook, the refund.
    expect(out).toMatch(/^point order ORD[0-9A-Z]{26} is created$/m);
    expect(out).toMatch(/^screen waiting_card$/m);
    expect(out).toMatch(/^point order ORD[0-9A-Z]{26} is processed\/accredited$/m);
    expect(out).toMatch(/^card 450995\.\.\.3704, 3 installments$/m);
    expect(out).toMatch(/"action":"order\.processed"/);
    expect(out).toMatch(/^point order ORD[0-9A-Z]{26} is refunded$/m);
    // Depay: the seed's example numbers, the wallet payment, the history, two refunds, the callbacks.
    expect(out).toMatch(/^token for 3600 seconds$/m);
    expect(out).toMatch(/^order [0-9a-f-]{36}: pay 2883.9078498293516 ARS at 0.0035 BRL per ARS$/m);
    expect(out).toMatch(/"status":"approved"/);
    expect(out).toMatch(/"statuses":\[\{"status":"CREATED".*\{"status":"PROCESSING".*\{"status":"COMPLETED"/);
    expect(out).toMatch(/\{"id":"[0-9a-f-]{36}","status":"PENDING"\}/);
    expect(out).toMatch(/^order [0-9a-f-]{36} is REFUNDED$/m);
    for (const status of ['"order_status":"CREATED"', '"status":"COMPLETED"', '"user_tax_id":"20304658985"', '"status":"PARTIALLY_REFUNDED"', '"status":"REFUNDED"']) expect(out).toContain(status);
    // Three blocks of curl and node one after another (the terminals one with a Point order); spawnSync allows them 115 s.
  }, 150_000);

  it('the Instore intents walk-through works as written: QR intent, wallet payment, CLOSED with results, webhook, cancel; a Point intent paid on the device', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caja-readme-intents-'));
    const run = spawnSync('bash', ['-euo', 'pipefail', '-c', block('intents')], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: dir, CAJA: caja.url, ADMIN: ADMIN_TOKEN, INTENT_PORT: String(await freePort()) },
      encoding: 'utf8',
      timeout: 85_000,
    });
    const out = run.stdout;
    expect(run.status, `${out}\n${run.stderr}`).toBe(0);
    expect(out).toMatch(/^intent [0-9a-f-]{36} is OPENED$/m);
    expect(out).toMatch(/"status":"approved","status_detail":"accredited","amount":"14.53"/);
    expect(out).toMatch(/^intent [0-9a-f-]{36} is CLOSED: \[\{"id":\d+,"source":"PAYMENT"\}\]$/m);
    expect(out).toMatch(/^payment \d+ is approved: 14.53 ARS$/m);
    expect(out).toMatch(/^POST \/hooks\?data\.id=([0-9a-f-]{36})&type=topic_instore_integration_wh \{"action":"topic_instore_integration_wh\.application\.authorized","api_version":"v1","data":\{.*"status":"CLOSED".*\},"date_created":"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9}-0400","id":"\1","live_mode":false,"type":"topic_instore_integration_wh","user_id":\d+\}$/m);
    expect(out).toMatch(/^204\nCANCELED$/m);
    expect(out).toMatch(/^point intent [0-9a-f-]{36} is ON_TERMINAL$/m);
    expect(out).toMatch(/^point intent [0-9a-f-]{36} is CLOSED: \[\{"id":\d+,"source":"PAYMENT"\}\]$/m);
  }, 120_000);

  it('the attended QR walk-through works as written: order, scan, pay, IPN, merchant_order closed, delete', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caja-readme-legacy-'));
    const run = spawnSync('bash', ['-euo', 'pipefail', '-c', block('legacy')], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: dir, CAJA: caja.url, ADMIN: ADMIN_TOKEN, IPN_PORT: String(await freePort()) },
      encoding: 'utf8',
      timeout: 85_000,
    });
    const out = run.stdout;
    expect(run.status, `${out}\n${run.stderr}`).toBe(0);
    expect(out).toMatch(/^attended order \d+-[0-9a-f-]{36} for 320 ARS$/m);
    expect(out).toMatch(/"status":"payable","provider":"mp_instore".*"amount":"320.00"/);
    expect(out).toMatch(/^POST \/ipn\?topic=merchant_order&id=(\d+) \{"resource":"http:\/\/[^"]+\/merchant_orders\/\1","topic":"merchant_order"\}$/m);
    expect(out).toMatch(/^POST \/ipn\?topic=payment&id=(\d+) \{"resource":"\1","topic":"payment"\}$/m);
    expect(out).toMatch(/^merchant_order \d+ is closed\/paid, paid 320 by payment \d+$/m);
    expect(out).toMatch(/^1\n204$/m);
  }, 120_000);
});
