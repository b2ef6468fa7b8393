import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HttpLimits } from '../config/http-limits.js';

/** Tokens remembered at most; the least recently seen are forgotten first (random tokens cannot grow memory). */
const MAX_TRACKED = 10_000;

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per access token, in this process's memory: `burst`
 * requests at once, refilled at `perSecond`. With several processes on one
 * PostgreSQL each process counts alone (README, Configuration).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  constructor(
    readonly perSecond: number,
    readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** 0 when the request may go, else the seconds until one may (Retry-After). */
  take(key: string): number {
    const now = this.now();
    let b = this.buckets.get(key);
    if (b) this.buckets.delete(key);
    else b = { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    this.buckets.set(key, b);
    if (this.buckets.size > MAX_TRACKED) this.buckets.delete(this.buckets.keys().next().value!);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / this.perSecond));
  }
}

/** The credential a request presents: bearer token, legacy ?access_token=, or Depay's x-api-key. */
function credential(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (typeof header === 'string' && header) return header.trim();
  const key = req.headers['x-api-key'];
  if (typeof key === 'string' && key) return `x-api-key ${key}`;
  const q = /[?&]access_token=([^&]*)/.exec(req.url);
  return q?.[1] ? `q ${q[1]}` : undefined;
}

/**
 * Mercado Pago documents the 429 status (the official SDKs retry it and honour Retry-After) but not its body: caja answers
 * the legacy envelope, which the SDKs read; Depay's routes answer NestJS's throttler wording in Depay's envelope.
 */
function tooMany(req: FastifyRequest, reply: FastifyReply, retryAfter: number) {
  reply.code(429).header('retry-after', String(retryAfter));
  if (req.url.startsWith('/depay/')) return reply.send({ statusCode: 429, message: 'ThrottlerException: Too Many Requests' });
  return reply.send({ message: `too many requests for this token; retry in ${retryAfter} s`, error: 'too_many_requests', status: 429, cause: [] });
}

export function registerRateLimit(app: FastifyInstance, limits: HttpLimits): void {
  if (limits.rateLimitPerSecond <= 0) return;
  const limiter = new RateLimiter(limits.rateLimitPerSecond, limits.rateLimitBurst);
  app.addHook('onRequest', async (req, reply) => {
    const key = credential(req);
    if (!key) return;
    const wait = limiter.take(key);
    if (wait > 0) return tooMany(req, reply, wait);
  });
}
