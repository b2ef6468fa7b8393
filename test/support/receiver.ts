import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  method: string;
  url: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

export type ReceiverMode =
  | { kind: 'status'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'delay'; ms: number; status: number }
  | { kind: 'hang' };

/**
 * A fake webhook receiver whose answer can be flipped mid-test: a status, a
 * slow answer, a hang, or (via refuse()/accept()) a closed port.
 */
export class Receiver {
  readonly received: Received[] = [];
  mode: ReceiverMode = { kind: 'status', status: 200 };
  private server!: http.Server;
  private sockets = new Set<import('node:net').Socket>();
  port = 0;

  static async start(): Promise<Receiver> {
    const r = new Receiver();
    await r.listen(0);
    return r;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  private listen(port: number): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://x');
        this.received.push({ method: req.method ?? '', url: req.url ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() });
        const mode = this.mode;
        if (mode.kind === 'hang') return;
        const answer = () => {
          if (mode.kind === 'status') res.writeHead(mode.status, mode.headers ?? {}).end(mode.body ?? 'ok');
          else res.writeHead(mode.status).end('slow');
        };
        if (mode.kind === 'delay') setTimeout(answer, mode.ms);
        else answer();
      });
    });
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    return new Promise((resolve) => this.server.listen(port, '127.0.0.1', () => {
      this.port = (this.server.address() as AddressInfo).port;
      resolve();
    }));
  }

  /** Closes the port: connections are refused until accept(). */
  async refuse(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  async accept(): Promise<void> {
    await this.listen(this.port);
  }

  /** Waits until at least n requests arrived. */
  async waitFor(n: number, timeoutMs = 10_000): Promise<Received[]> {
    await until(() => this.received.length >= n, timeoutMs, `${n} requests (got ${this.received.length})`);
    return this.received;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Polls a condition; fails the test with a message when it does not come true in time. */
export async function until(cond: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
