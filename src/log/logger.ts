import { pino, type Logger } from 'pino';
import type { LogLevel } from '../config/config.js';

export type { Logger };

export function createLogger(level: LogLevel): Logger {
  return pino({
    level,
    // Secrets never reach the log.
    redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.authentication'],
  });
}
