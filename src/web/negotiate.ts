import type { FastifyRequest } from 'fastify';

/**
 * True when the client prefers HTML to JSON (a browser following a QR's URL).
 * No Accept, `* / *` alone or an equal preference keep JSON, so API clients and
 * scripts that never asked for HTML get what they always got.
 */
export function prefersHtml(req: FastifyRequest): boolean {
  const accept = req.headers.accept;
  if (!accept || accept.length > 1000) return false;
  let html = 0;
  let json = 0;
  for (const part of accept.split(',').slice(0, 30)) {
    const [type = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q)) continue;
    if (type === 'text/html' || type === 'application/xhtml+xml') html = Math.max(html, q);
    if (type === 'application/json') json = Math.max(json, q);
  }
  return html > 0 && html > json;
}
