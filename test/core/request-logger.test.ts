import { Writable } from 'node:stream';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { requestLogger } from '../../src/http/request-logger.js';

/** A Fastify app logging through pino into `lines`, with caja's request logger factory. */
async function app(level = 'info') {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l) as Record<string, unknown>);
      done();
    },
  });
  const logger = pino({ level }, sink);
  const child = vi.spyOn(logger, 'child');
  const f = Fastify({ loggerInstance: logger as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }), childLoggerFactory: requestLogger });
  f.get('/quiet', async () => ({ ok: true }));
  f.get('/loud', async (req) => {
    req.log.error({ detail: 7 }, 'something failed');
    req.log.debug('not at info');
    return { level: req.log.level };
  });
  f.get('/boom', async () => {
    throw new Error('kaboom');
  });
  // As caja's error handlers do (orders/errors.ts and the others).
  f.setErrorHandler((err, req, reply) => {
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send({ message: 'internal_error' });
  });
  await f.ready();
  child.mockClear(); // Fastify's own, at start
  return { f, lines, child };
}

describe('request logger', () => {
  it('makes no pino child for a request that logs nothing', async () => {
    const { f, lines, child } = await app();
    for (let i = 0; i < 5; i++) expect((await f.inject({ method: 'GET', url: '/quiet' })).statusCode).toBe(200);
    expect(child).not.toHaveBeenCalled();
    expect(lines).toEqual([]);
    await f.close();
  });

  it("logs through pino's child with the request id, at the logger's level", async () => {
    const { f, lines, child } = await app();
    const res = await f.inject({ method: 'GET', url: '/loud' });
    expect(res.json()).toEqual({ level: 'info' });
    expect(child).toHaveBeenCalledTimes(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, reqId: 'req-1', detail: 7, msg: 'something failed' });
    await f.close();
  });

  it("keeps an error handler's line for a failed request, with its request id", async () => {
    const { f, lines } = await app();
    expect((await f.inject({ method: 'GET', url: '/boom' })).statusCode).toBe(500);
    const line = lines.find((l) => (l.err as { message?: string } | undefined)?.message === 'kaboom');
    expect(line).toMatchObject({ level: 50, reqId: expect.stringMatching(/^req-/), msg: 'unhandled error' });
    await f.close();
  });

  it("answers a route's own level and lets a child be made", async () => {
    const { f, lines } = await app('debug');
    f.log.level = 'debug';
    const res = await f.inject({ method: 'GET', url: '/loud' });
    expect(res.json()).toEqual({ level: 'debug' });
    expect(lines.map((l) => l.msg)).toEqual(['something failed', 'not at info']);
    const lazy = requestLogger(f.log, { reqId: 'r' }, {});
    lazy.child({ extra: 1 }).warn('from a grandchild');
    expect(lines.at(-1)).toMatchObject({ reqId: 'r', extra: 1, msg: 'from a grandchild' });
    await f.close();
  });
});
