// WireMock's standalone server (npm `wiremock` ships the jar; it needs a Java
// runtime) serving caja's own two answers as stubs: the stub server people
// use today, measured with the same load in the same run.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { load, ROOT, serverCommand, type Load } from './lib.js';

export type WiremockResult = { skipped: string } | { startMs: number; rssMiB: number; create: Load; get: Load };

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

export async function benchWiremock(seconds: number, created: unknown, got: unknown, orderBody: string): Promise<WiremockResult> {
  const jar = path.join(ROOT, 'node_modules/wiremock/build/wiremock-standalone-3.13.2.jar');
  if (!fs.existsSync(jar)) return { skipped: `no WireMock jar at ${path.relative(ROOT, jar)} (npm ci installs it)` };
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.status !== 0) return { skipped: 'no Java runtime (java -version failed): install one, e.g. apt-get install default-jre-headless' };

  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'caja-wiremock-'));
  fs.mkdirSync(path.join(root, 'mappings'));
  const json = { 'Content-Type': 'application/json' };
  fs.writeFileSync(path.join(root, 'mappings/create.json'), JSON.stringify({ request: { method: 'POST', url: '/v1/orders' }, response: { status: 201, headers: json, body: JSON.stringify(created) } }));
  fs.writeFileSync(path.join(root, 'mappings/get.json'), JSON.stringify({ request: { method: 'GET', urlPathPattern: '/v1/orders/[A-Z0-9]+' }, response: { status: 200, headers: json, body: JSON.stringify(got) } }));
  const port = await freePort();
  const started = performance.now();
  const [cmd, args] = serverCommand('java', ['-jar', jar, '--port', String(port), '--root-dir', root, '--disable-banner', '--no-request-journal']);
  const child = spawn(cmd, args, { stdio: 'ignore' });
  try {
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (Date.now() > deadline || child.exitCode !== null) return { skipped: 'WireMock did not start within 120 s' };
      const ok = await fetch(`${url}/__admin/health`).then((r) => r.status === 200, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    const startMs = performance.now() - started;
    await new Promise((r) => setTimeout(r, 1000));
    const rssMiB = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]) / 1024;
    const headers = { 'content-type': 'application/json', authorization: 'Bearer APP_USR-x', 'x-idempotency-key': 'k' };
    const create = await load({ url, duration: seconds, requests: [{ method: 'POST', path: '/v1/orders', headers, body: orderBody }] }, child.pid);
    const get = await load({ url, duration: seconds, requests: [{ method: 'GET', path: `/v1/orders/${(got as { id?: string }).id ?? 'ORD01'}`, headers }] }, child.pid);
    return { startMs, rssMiB, create, get };
  } finally {
    child.kill('SIGTERM');
    fs.rmSync(root, { recursive: true, force: true });
  }
}
