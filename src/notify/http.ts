import dns from 'node:dns';
import net from 'node:net';
import type { Agent } from 'undici';
import { lazyRequire } from '../core/lazy.js';

const undici = lazyRequire<typeof import('undici')>('undici');

export interface SendResult {
  status: number | null;
  /** At most maxResponseBytes of the response body. */
  body: string | null;
  error: string | null;
  durationMs: number;
}

export interface SenderOptions {
  timeoutMs: number;
  maxResponseBytes: number;
  allowPrivate: boolean;
  userAgent: string;
}

// Loopback, RFC 1918, link-local, CGNAT, "this network", and their IPv6 kin.
const PRIVATE = new net.BlockList();
for (const [addr, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16]] as const) {
  PRIVATE.addSubnet(addr, prefix, 'ipv4');
}
for (const [addr, prefix] of [['::1', 128], ['::', 128], ['fc00::', 7], ['fe80::', 10]] as const) PRIVATE.addSubnet(addr, prefix, 'ipv6');

export function isPrivateAddress(ip: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return PRIVATE.check(mapped[1]!, 'ipv4');
  return PRIVATE.check(ip, net.isIPv6(ip) ? 'ipv6' : 'ipv4');
}

/** A DNS lookup that refuses private answers, so a public name cannot smuggle in an internal target. */
const publicOnlyLookup: net.LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (e, addresses) => {
    if (e) return callback(e, '', 0);
    const list = addresses as dns.LookupAddress[];
    const bad = list.find((a) => isPrivateAddress(a.address));
    if (bad) return callback(new Error(`refused: ${hostname} resolves to private address ${bad.address}`), '', 0);
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    return callback(null, list[0]!.address, list[0]!.family);
  });
};

/**
 * Outbound notifications: http and https only, redirects never followed (a
 * 3xx is just a non-2xx answer), responses read up to a bound, keep-alive
 * connections per origin.
 */
export function createSender(opts: SenderOptions) {
  // undici is loaded with the first notification, not at start (about 100 modules).
  let client: { agent: Agent; request: typeof import('undici').request } | undefined;
  const open = () => {
    if (client) return client;
    const { Agent, request } = undici();
    client = {
      request,
      agent: new Agent({
        keepAliveTimeout: 10_000,
        connections: 32,
        headersTimeout: opts.timeoutMs,
        bodyTimeout: opts.timeoutMs,
        connect: opts.allowPrivate ? { timeout: opts.timeoutMs } : { timeout: opts.timeoutMs, lookup: publicOnlyLookup },
      }),
    };
    return client;
  };

  async function send(url: string, headers: Record<string, string>, body: string): Promise<SendResult> {
    const started = performance.now();
    const done = (r: Omit<SendResult, 'durationMs'>): SendResult => ({ ...r, durationMs: Math.round(performance.now() - started) });
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return done({ status: null, body: null, error: `invalid URL: ${url}` });
    }
    if (target.protocol !== 'http:' && target.protocol !== 'https:') return done({ status: null, body: null, error: `refused: only http and https (got ${target.protocol})` });
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (!opts.allowPrivate && (net.isIP(host) ? isPrivateAddress(host) : host === 'localhost')) {
      return done({ status: null, body: null, error: `refused: ${host} is a private-network address (CAJA_WEBHOOK_ALLOW_PRIVATE=off)` });
    }
    try {
      const { agent, request } = open();
      const res = await request(target, {
        method: 'POST',
        headers: { 'user-agent': opts.userAgent, ...headers },
        body,
        dispatcher: agent,
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
      return done({ status: res.statusCode, body: await readBounded(res.body, opts.maxResponseBytes), error: null });
    } catch (e) {
      const err = e as Error & { code?: string };
      const reason = err.name === 'TimeoutError' || err.code === 'UND_ERR_HEADERS_TIMEOUT' || err.code === 'UND_ERR_BODY_TIMEOUT'
        ? `timeout: no answer within ${opts.timeoutMs} ms`
        : `${err.code ?? err.name}: ${err.message}`;
      return done({ status: null, body: null, error: reason });
    }
  }

  return { send, close: async () => client?.agent.close() };
}

export type Sender = ReturnType<typeof createSender>;

async function readBounded(body: AsyncIterable<Buffer> & { destroy(): void }, max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= max) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, max).toString('utf8');
}
