import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type TestDatabase } from '../support/database.js';
import { processEnv } from '../support/harness.js';
import { spawnCaja, type CajaProcess } from '../support/process.js';

/**
 * Issue 12: slow clients and many connections cannot hold caja. Real sockets against a spawned `caja serve`
 * with short deadlines; /health must answer within its bound while they run.
 */
const HEALTH_BOUND_MS = 1_000;

describe('slow clients and many connections', () => {
  let db: TestDatabase;
  let caja: CajaProcess;
  let port: number;
  beforeAll(async () => {
    db = await freshDatabase();
    caja = await spawnCaja(
      processEnv(db, { CAJA_REQUEST_TIMEOUT_MS: '3000', CAJA_HEADERS_TIMEOUT_MS: '1500', CAJA_IDLE_TIMEOUT_MS: '3000', CAJA_KEEP_ALIVE_TIMEOUT_MS: '1000', CAJA_MAX_CONNECTIONS: '60' }),
    );
    port = Number(new URL(caja.url).port);
  }, 60_000);
  afterAll(async () => {
    await caja?.kill('SIGTERM');
    await db?.drop();
  });

  const health = async () => {
    const t = performance.now();
    const res = await fetch(`${caja.url}/health`, { signal: AbortSignal.timeout(HEALTH_BOUND_MS) });
    expect(res.status).toBe(200);
    await res.text();
    return performance.now() - t;
  };

  /** A socket and the time the server closed it (or undefined while open). */
  const open = async () => {
    const socket = net.connect(port, '127.0.0.1');
    const state = { socket, closedAt: undefined as number | undefined, data: '' };
    socket.on('data', (b) => (state.data += b.toString()));
    socket.on('close', () => (state.closedAt = performance.now()));
    socket.on('error', () => {});
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()).once('close', () => resolve()));
    return state;
  };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('a body sent one byte at a time is cut at the request deadline; /health answers meanwhile', async () => {
    const started = performance.now();
    const slow = await open();
    slow.socket.write(`POST /sandbox/wallet/pay HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`);
    const drip = setInterval(() => !slow.socket.destroyed && slow.socket.write(' '), 100);
    try {
      while (slow.closedAt === undefined && performance.now() - started < 8_000) {
        expect(await health()).toBeLessThan(HEALTH_BOUND_MS);
        await sleep(200);
      }
    } finally {
      clearInterval(drip);
    }
    expect(slow.closedAt, 'the server never closed the slow request').toBeDefined();
    // 3 s deadline, checked every second.
    expect(slow.closedAt! - started).toBeLessThan(5_500);
    expect(slow.data).toMatch(/^HTTP\/1.1 408/);
  });

  it('headers that never end are cut at the header deadline', async () => {
    const started = performance.now();
    const slow = await open();
    slow.socket.write('GET /health HTTP/1.1\r\nHost: x\r\n');
    const drip = setInterval(() => !slow.socket.destroyed && slow.socket.write('X-A: b\r\n'), 100);
    while (slow.closedAt === undefined && performance.now() - started < 8_000) await sleep(100);
    clearInterval(drip);
    expect(slow.closedAt).toBeDefined();
    expect(slow.closedAt! - started).toBeLessThan(4_000);
  });

  it('connections past the cap are refused; those under it cannot starve /health, and idle ones are closed', async () => {
    const idle = await Promise.all(Array.from({ length: 50 }, () => open()));
    expect(await health()).toBeLessThan(HEALTH_BOUND_MS);
    const extra = await Promise.all(Array.from({ length: 40 }, () => open()));
    await sleep(300);
    // 50 idle + 40 more against a cap of 60: about 30 are closed at accept.
    expect(extra.filter((s) => s.closedAt !== undefined).length).toBeGreaterThanOrEqual(20);
    const started = performance.now();
    while ([...idle, ...extra].some((s) => s.closedAt === undefined) && performance.now() - started < 8_000) await sleep(100);
    expect([...idle, ...extra].every((s) => s.closedAt !== undefined), 'idle connections were never closed').toBe(true);
    expect(await health()).toBeLessThan(HEALTH_BOUND_MS);
  });

  it('a request refused for its credentials is answered 401 and its body is not read', async () => {
    const started = performance.now();
    const s = await open();
    s.socket.write(`POST /v1/orders HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer nope\r\nContent-Type: application/json\r\nContent-Length: 500000\r\n\r\n{"a":`);
    while (s.closedAt === undefined && performance.now() - started < 2_500) await sleep(50);
    expect(s.data).toMatch(/^HTTP\/1.1 401/);
    expect(s.data.toLowerCase()).toContain('connection: close');
    expect(s.closedAt, 'the connection stayed open waiting for the body').toBeDefined();
    expect(s.closedAt! - started).toBeLessThan(1_500);
  });
});
