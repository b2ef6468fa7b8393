import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const ADMIN = 'bench-admin-token-0123456789abcdef';

export interface Server {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Issue 14 measured with the "server pinned to one core, wrk on the other".
 * While pinned(true) holds, this process (the load generator, the webhook
 * receiver) keeps to cores 1..n-1 and every server under test spawned then (the
 * raw baseline, caja, WireMock) runs on core 0. Unpinned, everything shares
 * every core. BENCH_PIN=0, one core, or no `taskset` keeps it unpinned.
 */
const pinning = { active: false };
const LAST_CPU = os.cpus().length - 1;
const taskset = (args: string[]) => spawnSync('taskset', args, { stdio: 'ignore' }).status === 0;

/** Pins this process (all its threads) to cores 1..n-1, or gives it every core back; whether pinning is now on. */
export function pinned(on: boolean): boolean {
  if (on && (process.env.BENCH_PIN === '0' || LAST_CPU < 1)) return false;
  const ok = taskset(['-a', '-p', '-c', `${on ? 1 : 0}-${LAST_CPU}`, String(process.pid)]);
  pinning.active = on && ok;
  return pinning.active;
}

/** The command line that runs `cmd` on the server's core while pinned. */
export function serverCommand(cmd: string, args: string[]): [string, string[]] {
  return pinning.active ? ['taskset', ['-c', '0', cmd, ...args]] : [cmd, args];
}

/** Starts a server process and waits for its "listening on <url>" line. */
export async function startServer(script: string, args: string[], env: Record<string, string>): Promise<Server> {
  const [cmd, argv] = serverCommand(process.execPath, [script, ...args]);
  const child = spawn(cmd, argv, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start:\n${out}`)), 60_000);
    const on = (b: Buffer) => {
      out += b.toString();
      const m = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', on);
    child.stderr!.on('data', on);
    child.on('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)));
  });
  return {
    url,
    child,
    stop: () =>
      new Promise((resolve) => {
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * caja's environment for a bench: the database's settings, an ephemeral port, quiet logs, no demo
 * seller, the bench's admin token, then BENCH_CAJA_ENV='{"NAME":"value"}' (more settings, to
 * compare configurations).
 */
export const cajaEnv = (env: Record<string, string>): Record<string, string> => ({
  ...env,
  PORT: '0',
  LOG_LEVEL: 'warn',
  CAJA_SEED: 'off',
  CAJA_ADMIN_TOKEN: ADMIN,
  ...(JSON.parse(process.env.BENCH_CAJA_ENV ?? '{}') as Record<string, string>),
});

/** Starts caja; with BENCH_CAJA_PROF=<dir> it runs with --cpu-prof, one profile per process in <dir>. */
export const serveCaja = (env: Record<string, string>): Promise<Server> =>
  process.env.BENCH_CAJA_PROF ? startServer('--cpu-prof', [`--cpu-prof-dir=${process.env.BENCH_CAJA_PROF}`, 'bin/caja.js', 'serve'], env) : startServer('bin/caja.js', ['serve'], env);

export interface Target {
  name: 'sqlite' | 'postgres';
  /** A fresh database for one server: a data dir, plus a postgres URL when on Postgres. */
  fresh(): Promise<Record<string, string>>;
}

export function sqliteTarget(): Target {
  return { name: 'sqlite', fresh: async () => ({ CAJA_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'caja-bench-')) }) };
}

export function postgresTarget(adminUrl: string): Target {
  let n = 0;
  return {
    name: 'postgres',
    async fresh() {
      const name = `bench_${process.pid}_${++n}`;
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`CREATE DATABASE ${name}`);
      await c.end();
      const u = new URL(adminUrl);
      u.pathname = `/${name}`;
      return { CAJA_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'caja-bench-')), DATABASE_URL: u.toString() };
    },
  };
}

export async function json(base: string, method: string, p: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const res = await fetch(base + p, {
    method,
    headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers },
    body: opts.body !== undefined ? JSON.stringify(opts.body) : null,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${p}: ${res.status} ${text}`);
  return text ? (JSON.parse(text) as Record<string, any>) : {};
}

export interface Load {
  /** 2xx answers. */
  ok: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /**
   * The server's CPU (user + system) per answered request, when its pid is
   * known. On a shared machine throughput and latency move with colleagues'
   * load; CPU per request much less, and 1 / it is the rate one free core allows.
   */
  cpuUs?: number;
}

function cpuMsOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** Seconds of the same load run first and thrown away: JIT, connection pools and statement caches warm up. */
export const WARMUP_SECONDS = 2;

export async function load(opts: autocannon.Options, pid?: number): Promise<Load> {
  await autocannon({ connections: 50, ...opts, duration: WARMUP_SECONDS });
  const cpuBefore = pid ? cpuMsOf(pid) : 0;
  const r = await autocannon({ connections: 50, duration: 10, ...opts });
  const cpuUs = pid && r['2xx'] ? ((cpuMsOf(pid) - cpuBefore) * 1000) / r['2xx'] : undefined;
  return { ok: r['2xx'], rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx, cpuUs };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** A local receiver answering 200 at once, noting when each webhook arrived and the event time it carries. */
export async function receiver() {
  const arrivals: Array<{ at: number; created: number }> = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => {
      const at = Date.now();
      const created = (JSON.parse(body || '{}') as { date_created?: string }).date_created;
      arrivals.push({ at, created: created ? Date.parse(created) : NaN });
      res.writeHead(200).end();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { arrivals, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, close: () => new Promise((r) => server.close(r)) };
}


/**
 * A steady load: one request every 1000/rate ms for `seconds`, over a pool of
 * keep-alive connections. autocannon's overallRate sends each second's quota
 * in a burst, which measures queueing behind the burst rather than latency at
 * a rate.
 */
export async function paced(url: string, rate: number, seconds: number, request: { method: 'POST'; path: string; headers: Record<string, string>; body: string }): Promise<number> {
  const { Pool } = await import('undici');
  const pool = new Pool(url, { connections: 32, pipelining: 1 });
  const interval = 1000 / rate;
  const start = performance.now();
  const total = Math.round(rate * seconds);
  let ok = 0;
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inflight.push(
      pool.request({ method: request.method, path: request.path, headers: request.headers, body: request.body }).then(async (res) => {
        await res.body.text();
        if (res.statusCode < 300) ok++;
      }),
    );
  }
  await Promise.all(inflight);
  await pool.close();
  return ok;
}
