/** How long a client may take and how many connections it may hold (README, Configuration). */
export interface HttpLimits {
  /** Whole request, headers and body, from its first byte (Node's requestTimeout). */
  requestTimeoutMs: number;
  /** Headers complete (Node's headersTimeout); at most requestTimeoutMs. */
  headersTimeoutMs: number;
  /** A socket with no traffic at all is closed (Fastify's connectionTimeout). */
  idleTimeoutMs: number;
  /** An idle keep-alive connection is closed after this long. */
  keepAliveTimeoutMs: number;
  /** Requests served on one keep-alive connection before it is closed; 0 = no limit. */
  maxRequestsPerSocket: number;
  /** Open connections per process; more are refused at accept. */
  maxConnections: number;
  /** Per-token rate limit (token bucket): requests per second, 0 = off. */
  rateLimitPerSecond: number;
  /** Bucket size: requests a token may send at once before the rate applies. */
  rateLimitBurst: number;
}

type Int = (name: string, dflt: number, min: number, max: number) => number;

export function readHttpLimits(int: Int, problems: string[]): HttpLimits {
  const requestTimeoutMs = int('CAJA_REQUEST_TIMEOUT_MS', 30_000, 1_000, 3_600_000);
  const headersTimeoutMs = int('CAJA_HEADERS_TIMEOUT_MS', 10_000, 1_000, 3_600_000);
  if (headersTimeoutMs > requestTimeoutMs) problems.push('CAJA_HEADERS_TIMEOUT_MS must not be greater than CAJA_REQUEST_TIMEOUT_MS');
  const rateLimitPerSecond = int('CAJA_RATE_LIMIT', 0, 0, 1_000_000);
  return {
    requestTimeoutMs,
    headersTimeoutMs: Math.min(headersTimeoutMs, requestTimeoutMs),
    idleTimeoutMs: int('CAJA_IDLE_TIMEOUT_MS', 60_000, 1_000, 3_600_000),
    keepAliveTimeoutMs: int('CAJA_KEEP_ALIVE_TIMEOUT_MS', 10_000, 1_000, 3_600_000),
    maxRequestsPerSocket: int('CAJA_MAX_REQUESTS_PER_SOCKET', 10_000, 0, 100_000_000),
    maxConnections: int('CAJA_MAX_CONNECTIONS', 1_024, 1, 1_000_000),
    rateLimitPerSecond,
    rateLimitBurst: int('CAJA_RATE_LIMIT_BURST', Math.max(1, rateLimitPerSecond * 2), 1, 10_000_000),
  };
}
