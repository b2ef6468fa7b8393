import { request as httpRequest, type IncomingMessage } from 'node:http';
import { expect } from 'vitest';
import type { Harness, TestSeller } from '../support/harness.js';

/** A one-minute stream ticket for a seller. */
export async function ticket(caja: Harness, s: TestSeller): Promise<string> {
  const res = await caja.request({ method: 'POST', url: '/sandbox/stream/ticket', headers: s.auth });
  expect(res.statusCode, res.body).toBe(201);
  expect(res.headers['cache-control']).toBe('no-store');
  return (res.json() as { ticket: string }).ticket;
}

/** An open stream: the events it received so far, and a way to hang up. */
export interface Stream {
  res: IncomingMessage;
  events: string[];
  close(): void;
}

export function openStream(port: number, t: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: `/sandbox/stream?ticket=${encodeURIComponent(t)}`, headers: { accept: 'text/event-stream' } }, (res) => {
      const events: string[] = [];
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let i;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const m = /^event: (\w+)$/m.exec(buf.slice(0, i));
          if (m) events.push(m[1]!);
          buf = buf.slice(i + 2);
        }
      });
      resolve({ res, events, close: () => req.destroy() });
    });
    req.on('error', reject);
    req.end();
  });
}

