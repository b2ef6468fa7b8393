import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply } from 'fastify';

export const PUBLIC_DIR = fileURLToPath(new URL('./public/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/**
 * Everything the pages load comes from caja itself: no inline script, no
 * external host. img-src allows data: for nothing but the browser's own
 * favicon fallback; connect-src 'self' covers fetch and EventSource.
 */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface StaticFile {
  type: string;
  body: Buffer;
}

/**
 * The folder is read once at start into memory (a few dozen small files): a
 * request can only name a file that was there, so no path reaches outside it.
 */
export function loadPublic(dir = PUBLIC_DIR): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (TYPES[path.extname(e.name)]) files.set(path.relative(dir, p).split(path.sep).join('/'), { type: TYPES[path.extname(e.name)]!, body: fs.readFileSync(p) });
    }
  };
  walk(dir);
  return files;
}

/** Headers every page and asset carries. */
export function sendStatic(reply: FastifyReply, file: StaticFile): FastifyReply {
  return reply
    .type(file.type)
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff')
    // The wallet page's URL holds a code's token: never hand it to another site.
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-cache')
    .send(file.body);
}
