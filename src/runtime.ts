import { resolveAdminToken } from './config/admin-token.js';
import type { Config } from './config/config.js';
import { systemClock, type Clock } from './core/clock.js';
import type { Ctx } from './context.js';
import { Counter } from './domain/counter/counter.js';
import type { Kick } from './domain/events.js';
import { startRetention } from './jobs/retention.js';
import { TimerRunner } from './jobs/timers.js';
import { createLogger, type Logger } from './log/logger.js';
import { createSender } from './notify/http.js';
import { createOutbox } from './notify/outbox.js';
import { DeliveryWorker } from './notify/worker.js';
import { depayModule } from './providers/depay/module.js';
import { mercadopagoModule } from './providers/mercadopago/module.js';
import type { ProviderModule } from './providers/module.js';
import { openStore } from './store/db.js';
import { plannerStatistics } from './store/planner-statistics.js';
import { migrate } from './store/migrate.js';
import { buildApp, type App, type AppOptions } from './app.js';

export interface Runtime {
  readonly ctx: Ctx;
  readonly app: App;
  readonly worker: DeliveryWorker;
  readonly timers: TimerRunner;
  /** Stops workers, closes the app (finishing in-flight requests) and the database. */
  close(): Promise<void>;
}

export interface RuntimeOptions {
  clock?: Clock;
  logger?: Logger;
  /** Background loops (deliveries, timers); on by default. */
  workers?: boolean;
  /** Test hooks: every route registered, every answer sent. */
  app?: AppOptions;
}

/** Everything caja is, minus the process: tests build this in-process; server.ts adds listening and signals. */
export async function startRuntime(config: Config, opts: RuntimeOptions = {}): Promise<Runtime> {
  const log = opts.logger ?? createLogger(config.logLevel);
  const clock = opts.clock ?? systemClock;
  const store = openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.pgPoolSize,
    groupCommit: config.sqliteGroupCommit,
    pgPipeline: config.pgPipeline,
    onConnectionError: (e) => log.warn({ err: e }, 'database: a background failure (an idle PostgreSQL connection, replaced by the pool, or a SQLite checkpoint, retried)'),
  });
  await migrate(store);
  const stats = await plannerStatistics(store);
  if (stats.length) log.warn({ tables: stats }, 'database: SQLite planner statistics found (ANALYZE or PRAGMA optimize was run on this file): caja plans its statements without them, and with sqlite_stat4 SQLite compiles them again at nearly every call, several times slower; remove them with DROP TABLE for each table named');
  const admin = resolveAdminToken(config.adminToken, config.dataDir);

  let worker: DeliveryWorker | undefined;
  let timers: TimerRunner | undefined;
  const kick: Kick = { timers: (dueAt) => timers?.scheduled(dueAt), deliveries: () => worker?.wake() };
  const modules: ProviderModule[] = [mercadopagoModule(config), depayModule(config)];
  const events = createOutbox(modules.flatMap((m) => m.planners), clock, kick);
  const counter = new Counter(modules.flatMap((m) => m.families));
  const ctx: Ctx = { config, store, clock, log, admin, events, kick, counter };

  const kinds = new Map(modules.flatMap((m) => m.deliveryKinds).map((k) => [k.name, k]));
  const sender = createSender({
    timeoutMs: config.webhook.timeoutMs,
    maxResponseBytes: config.webhook.maxResponseBytes,
    allowPrivate: config.webhook.allowPrivate,
    userAgent: 'caja-notifications/0.1',
  });
  worker = new DeliveryWorker(ctx, kinds, sender, { concurrency: config.webhook.concurrency, timeoutMs: config.webhook.timeoutMs });
  timers = new TimerRunner(ctx, new Map(modules.flatMap((m) => m.timerHandlers)), undefined, { bulk: new Map(modules.flatMap((m) => m.bulkTimerHandlers ?? [])) });
  const app = await buildApp(ctx, modules, opts.app);
  await app.ready();

  const workersOn = opts.workers ?? true;
  let stopRetention: () => Promise<void> = async () => {};
  if (workersOn) {
    worker.start();
    timers.start();
    stopRetention = startRetention(ctx);
  }
  let closed = false;
  return {
    ctx,
    app,
    worker,
    timers,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await stopRetention();
      await Promise.all([worker!.stop(), timers!.stop()]);
      await sender.close();
      await store.close();
      const g = store.groupCommit;
      if (g && g.groups > 0) log.debug({ commits: g.groups, transactions: g.members }, `sqlite group commit: ${g.groups} commits covered ${g.members} transactions`);
    },
  };
}
