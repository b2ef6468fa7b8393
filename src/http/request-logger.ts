import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions } from 'fastify/types/logger.js';

type Args = [obj: unknown, msg?: string, ...args: unknown[]];

/**
 * A request's logger, made the first time something logs through it. pino's
 * child (its bindings serialized, a new logger object) is made for every
 * request Fastify routes, and at caja's default level almost none of them
 * log: making it cost 6-14 µs of a get's CPU, of about 110 (docs/PERFORMANCE.md,
 * "The pass before"). The child made on first use is pino's own, with the same
 * bindings (the request id) and options, so what is logged is unchanged.
 */
class RequestLogger {
  #child: FastifyBaseLogger | undefined;

  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions,
  ) {}

  private get real(): FastifyBaseLogger {
    return (this.#child ??= this.parent.child(this.bindings, this.options));
  }

  get level(): string {
    return this.#child?.level ?? this.options.level ?? this.parent.level;
  }

  set level(level: string) {
    this.real.level = level;
  }

  fatal(...a: Args): void {
    this.real.fatal(...(a as [unknown]));
  }
  error(...a: Args): void {
    this.real.error(...(a as [unknown]));
  }
  warn(...a: Args): void {
    this.real.warn(...(a as [unknown]));
  }
  info(...a: Args): void {
    this.real.info(...(a as [unknown]));
  }
  debug(...a: Args): void {
    this.real.debug(...(a as [unknown]));
  }
  trace(...a: Args): void {
    this.real.trace(...(a as [unknown]));
  }
  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.real.child(bindings, options);
  }
}

/** Fastify's `childLoggerFactory`: each request's logger, made lazily (RequestLogger). */
export function requestLogger(logger: FastifyBaseLogger, bindings: Bindings, options: ChildLoggerOptions): FastifyBaseLogger {
  return new RequestLogger(logger, bindings, options) as unknown as FastifyBaseLogger;
}
