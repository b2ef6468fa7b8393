// Start time (spawn of `node <script>` to the first /health 200) and idle
// RSS, caja against a baseline process measured alternately in the same run.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './lib.js';

export interface StartSample {
  ms: number;
  /** CPU (user + system) spent until the first 200: less sensitive to a busy machine than wall time. */
  cpuMs: number;
  rssMiB: number;
}

export interface StartStats {
  runs: number;
  median: StartSample;
  min: number;
  max: number;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** One start: a fresh data dir, polling /health every 2 ms; RSS after a second of idling. */
export async function startOnce(args: string[], env: Record<string, string> = {}): Promise<StartSample> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caja-start-'));
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), PORT: String(port), CAJA_DATA_DIR: dir, LOG_LEVEL: 'warn', ...env },
    stdio: 'ignore',
  });
  const exited = new Promise<never>((_, reject) => child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}`))));
  try {
    let ms = 0;
    for (;;) {
      const ok = await Promise.race([
        fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status === 200, () => false),
        exited,
      ]);
      if (ok) {
        ms = performance.now() - started;
        break;
      }
      await new Promise((r) => setTimeout(r, 2));
    }
    const stat = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(' ');
    const cpuMs = ((Number(stat[13]) + Number(stat[14])) * 1000) / 100;
    await new Promise((r) => setTimeout(r, 1000));
    const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]);
    return { ms, cpuMs, rssMiB: rssKiB / 1024 };
  } finally {
    exited.catch(() => {});
    child.kill('SIGTERM');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function stats(samples: StartSample[]): StartStats {
  const by = [...samples].sort((a, b) => a.ms - b.ms);
  return { runs: samples.length, median: by[Math.floor(by.length / 2)]!, min: by[0]!.ms, max: by[by.length - 1]!.ms };
}

export interface StartResult {
  caja: StartStats;
  baseline: StartStats;
  /** caja through tsx (CAJA_TSX=1): how every start went before src was compiled once. */
  tsx: StartStats;
}

export async function benchStart(runs = 5): Promise<StartResult> {
  // A start after `npm ci` finds its build in place; make sure this one does too.
  await startOnce(['bin/caja.js', 'serve'], { CAJA_SEED: 'off' });
  const caja: StartSample[] = [];
  const baseline: StartSample[] = [];
  const tsx: StartSample[] = [];
  for (let i = 0; i < runs; i++) {
    baseline.push(await startOnce(['bench/baseline-start.mjs']));
    caja.push(await startOnce(['bin/caja.js', 'serve']));
    if (i < 3) tsx.push(await startOnce(['bin/caja.js', 'serve'], { CAJA_TSX: '1' }));
  }
  return { caja: stats(caja), baseline: stats(baseline), tsx: stats(tsx) };
}
