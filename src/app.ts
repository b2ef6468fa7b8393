import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Ctx } from './context.js';
import { validatorCompiler } from './http/validation.js';
import { registerJsonParser } from './http/json-parser.js';
import { registerDocs } from './http/docs.js';
import { registerFallbacks } from './http/fallbacks.js';
import type { ProviderModule } from './providers/module.js';
import { sandboxApi } from './sandbox/index.js';
import { webRoutes } from './web/index.js';

export type App = FastifyInstance;

/** Builds the HTTP app. No listening, no workers: the process shell (server.ts) or a test owns those. */
export async function buildApp(ctx: Ctx, modules: readonly ProviderModule[]): Promise<App> {
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger; the cast keeps Fastify's generics at their defaults.
    loggerInstance: ctx.log as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    // Per-request lines only at debug/trace: at info they would cost more than the requests.
    logController: new LogController({ disableRequestLogging: ctx.config.logLevel !== 'debug' && ctx.config.logLevel !== 'trace' }),
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.decorateRequest('seller', null);
  registerJsonParser(app);
  await registerDocs(app, ctx);

  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok', database: ctx.store.dialect }));

  for (const m of modules) await m.routes(app, ctx);
  await app.register(sandboxApi(ctx), { prefix: '/sandbox' });
  await app.register(webRoutes(ctx));
  registerFallbacks(app);
  return app;
}
