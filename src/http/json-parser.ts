import type { FastifyInstance } from 'fastify';

/** A request whose JSON body could not be parsed; each provider renders it in its own envelope. */
export class JsonSyntaxError extends Error {
  readonly statusCode = 400;
  readonly code = 'CAJA_JSON_SYNTAX';
}

/**
 * Every body is read as JSON, whatever its Content-Type: `curl -d` without a
 * header sends application/x-www-form-urlencoded, and the provider APIs only
 * speak JSON anyway. An empty body is no body: the official Mercado Pago SDK
 * sends `Content-Type: application/json` on bodiless POSTs such as a total
 * refund.
 */
export function registerJsonParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => {
    const text = (body as string).trim();
    if (text === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (e) {
      done(new JsonSyntaxError(`malformed JSON: ${(e as Error).message}`), undefined);
    }
  });
}
