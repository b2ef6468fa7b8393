import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { loadConfig, type Config } from '../../src/config/config.js';
import type { Clock } from '../../src/core/clock.js';
import { startRuntime, type Runtime, type RuntimeOptions } from '../../src/runtime.js';
import { freshDatabase, type TestDatabase } from './database.js';
import { AnswerBook } from './answers.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

/** The environment a spawned `caja serve` needs to use a test database. */
export function processEnv(db: TestDatabase, extra: Record<string, string> = {}): Record<string, string> {
  return {
    CAJA_DATA_DIR: db.dataDir,
    ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
    CAJA_ADMIN_TOKEN: ADMIN_TOKEN,
    CAJA_SEED: 'off',
    ...extra,
  };
}

export interface Harness {
  runtime: Runtime;
  db: TestDatabase;
  config: Config;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  /** Creates a seller through the admin API and returns what it answered. */
  seller(siteId?: string, name?: string): Promise<TestSeller>;
  /** Every route and every answer of this caja, for the OpenAPI check. */
  answers: AnswerBook;
  /** Stops caja; the database is dropped unless kept (to start another caja on it). Fails if an answer of a documented route is not as documented. */
  close(opts?: { keepDatabase?: boolean }): Promise<void>;
}

export interface CreatedSellerBody {
  user_id: number;
  site_id: string;
  country_id: string;
  currency_id: string;
  access_token: string;
  public_key: string;
  webhook_secret: string;
  depay_api_key: string;
}

export interface TestSeller extends CreatedSellerBody {
  /** Authorization header for this seller. */
  auth: { authorization: string };
}

/** caja in-process on a fresh database: HTTP through inject(), no port. */
export interface StartOptions {
  env?: Record<string, string>;
  clock?: Clock;
  /** Reuse a database (e.g. to restart caja on it); fresh by default. */
  database?: TestDatabase;
  /** Background loops (deliveries, timers); on by default. */
  workers?: boolean;
  /** caja's logger, to read what it logs (by default one at LOG_LEVEL, silent unless CAJA_TEST_LOG). */
  logger?: RuntimeOptions['logger'];
}

export async function startCaja(opts: StartOptions = {}): Promise<Harness> {
  const db = opts.database ?? (await freshDatabase());
  const loaded = loadConfig({
    CAJA_DATA_DIR: db.dataDir,
    ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
    CAJA_ADMIN_TOKEN: ADMIN_TOKEN,
    CAJA_PUBLIC_URL: 'http://caja.test',
    LOG_LEVEL: process.env.CAJA_TEST_LOG ?? 'silent',
    CAJA_SEED: 'off',
    ...opts.env,
  });
  if (!loaded.ok) throw new Error(loaded.error.join('; '));
  const config = loaded.value;
  const book = new AnswerBook();
  const runtime = await startRuntime(config, { ...(opts.clock ? { clock: opts.clock } : {}), ...(opts.logger ? { logger: opts.logger } : {}), workers: opts.workers ?? true, app: book.options });
  const request = (o: InjectOptions) => runtime.app.inject(o);
  return {
    runtime,
    db,
    config,
    request,
    answers: book,
    async seller(siteId = 'MLA', name?: string) {
      const res = await request({
        method: 'POST',
        url: '/sandbox/sellers',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        payload: name ? { site_id: siteId, name } : { site_id: siteId },
      });
      if (res.statusCode !== 201) throw new Error(`seller creation failed: ${res.statusCode} ${res.body}`);
      const body = res.json() as CreatedSellerBody;
      return { ...body, auth: { authorization: `Bearer ${body.access_token}` } };
    },
    async close(closeOpts) {
      await runtime.close();
      if (!closeOpts?.keepDatabase) await db.drop();
      // The OpenAPI document must describe every answer the suite saw (src/http/answers.ts).
      const problems = book.problems();
      if (problems.length > 0) throw new Error(`answers not as the OpenAPI document describes them:\n  ${problems.join('\n  ')}`);
    },
  };
}

/**
 * The one setup block of a test file or `describe`: a caja on a fresh database, started before its
 * tests and closed (its database dropped, its answers checked) after them. The handle stands for
 * that caja from the first `beforeAll` on (it forwards property reads only: no `in`, spread or
 * `vi.spyOn` on it); `opts` may be a function when they depend on something an earlier `beforeAll`
 * made (a receiver's URL).
 */
export function testbed(opts: StartOptions | (() => StartOptions) = {}): Harness {
  let started: Harness | undefined;
  beforeAll(async () => {
    started = await startCaja(typeof opts === 'function' ? opts() : opts);
  });
  afterAll(async () => started?.close());
  return new Proxy({} as Harness, {
    get(_, key) {
      if (!started) throw new Error(`testbed: caja is not started yet (read of ${String(key)} outside a test or hook)`);
      return started[key as keyof Harness];
    },
  });
}
