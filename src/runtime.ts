import { resolveAdminToken } from './config/admin-token.js';
import type { Config } from './config/config.js';
import { systemClock, type Clock } from './core/clock.js';
import type { Ctx } from './context.js';
import { createLogger, type Logger } from './log/logger.js';
import { openStore } from './store/db.js';
import { migrate } from './store/migrate.js';
import { buildApp, type App } from './app.js';

export interface Runtime {
  readonly ctx: Ctx;
  readonly app: App;
  /** Stops workers, closes the app (finishing in-flight requests) and the database. */
  close(): Promise<void>;
}

export interface RuntimeOptions {
  clock?: Clock;
  logger?: Logger;
}

/** Everything caja is, minus the process: tests build this in-process; server.ts adds listening and signals. */
export async function startRuntime(config: Config, opts: RuntimeOptions = {}): Promise<Runtime> {
  const log = opts.logger ?? createLogger(config.logLevel);
  const store = openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  await migrate(store);
  const admin = resolveAdminToken(config.adminToken, config.dataDir);
  const ctx: Ctx = { config, store, clock: opts.clock ?? systemClock, log, admin };
  const app = await buildApp(ctx);
  await app.ready();
  let closed = false;
  return {
    ctx,
    app,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await store.close();
    },
  };
}
