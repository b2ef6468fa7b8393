import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Ctx } from './context.js';
import { validatorCompiler } from './http/validation.js';
import { registerJsonParser } from './http/json-parser.js';
import { registerDocs } from './http/docs.js';
import { frameworkErrors, registerFallbacks } from './http/fallbacks.js';
import { limitConnections, serverOptions } from './http/connections.js';
import { registerRateLimit } from './http/rate-limit.js';
import { requestLogger } from './http/request-logger.js';
import type { ProviderModule } from './providers/module.js';
import { sandboxApi } from './sandbox/index.js';
import { webRoutes } from './web/index.js';

export type App = FastifyInstance;

/** One answer as sent, for the test suite's check of the OpenAPI document (test/support/answers.ts). */
export interface SentAnswer {
  method: string;
  /** The matched route's pattern (`/stores/:id`); undefined when no route matched. */
  route: string | undefined;
  status: number;
  contentType: string | undefined;
  body: unknown;
}

/** Every route as registered, with its schema (declared answers included). */
export interface RouteInfo {
  method: string;
  url: string;
  schema: Record<string, unknown> | undefined;
}

export interface AppOptions {
  /** Sees every answer before it is sent; only tests set it. */
  onAnswer?: (a: SentAnswer) => void;
  /** Receives every route as it is registered. */
  onRoute?: (r: RouteInfo) => void;
}

/** Builds the HTTP app. No listening, no workers: the process shell (server.ts) or a test owns those. */
export async function buildApp(ctx: Ctx, modules: readonly ProviderModule[], opts: AppOptions = {}): Promise<App> {
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger; the cast keeps Fastify's generics at their defaults.
    loggerInstance: ctx.log as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    // Per-request lines only at debug/trace: at info they would cost more than the requests.
    logController: new LogController({ disableRequestLogging: ctx.config.logLevel !== 'debug' && ctx.config.logLevel !== 'trace' }),
    childLoggerFactory: requestLogger,
    routerOptions: { ignoreTrailingSlash: true },
    ...serverOptions(ctx.config.http),
    frameworkErrors,
  });
  limitConnections(app, ctx.config.http);
  registerRateLimit(app, ctx.config.http);
  app.setValidatorCompiler(validatorCompiler);
  const { onRoute, onAnswer } = opts;
  if (onRoute) {
    app.addHook('onRoute', (r) => {
      for (const method of [r.method].flat()) if (method !== 'HEAD') onRoute({ method, url: r.url, schema: r.schema as Record<string, unknown> | undefined });
    });
  }
  if (onAnswer) {
    app.addHook('onSend', async (req, reply, payload) => {
      const type = reply.getHeader('content-type');
      const contentType = typeof type === 'string' ? type : undefined;
      const body = typeof payload === 'string' && contentType?.startsWith('application/json') ? (JSON.parse(payload) as unknown) : payload;
      onAnswer({ method: req.method, route: req.routeOptions.url, status: reply.statusCode, contentType, body });
      return payload;
    });
  }
  app.decorateRequest('seller', null);
  app.decorateRequest('tokenHash', null);
  registerJsonParser(app);
  registerDocs(app, ctx);

  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok', database: ctx.store.dialect }));

  for (const m of modules) await m.routes(app, ctx);
  await app.register(sandboxApi(ctx, modules.flatMap((m) => m.sellerOptions ?? [])), { prefix: '/sandbox' });
  await app.register(webRoutes(ctx));
  registerFallbacks(app);
  return app;
}
