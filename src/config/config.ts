import path from 'node:path';
import { err, ok, type Result } from '../core/result.js';
import { DEFAULT_DEPAY_RATES, parseDepayRates, type RateTable } from './depay-rates.js';
import { loadRetention, type RetentionConfig } from './retention.js';
import { parseRetrySchedule } from './schedule.js';
import { readHttpLimits, type HttpLimits } from './http-limits.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** postgres:// URL, or undefined for the embedded SQLite default. */
  databaseUrl: string | undefined;
  /** PostgreSQL connections per process. */
  pgPoolSize: number;
  /** SQLite: transactions asked for in one turn of the event loop share one COMMIT (store/group-commit.ts). */
  sqliteGroupCommit: boolean;
  /** PostgreSQL: a transaction's BEGIN and deferred writes go with its next statement (store/pg-client.ts). */
  pgPipeline: boolean;
  adminToken: string | undefined;
  publicUrl: string;
  logLevel: LogLevel;
  seed: boolean;
  webhook: WebhookConfig;
  mercadopago: MercadoPagoConfig;
  depay: DepayConfig;
  http: HttpLimits;
  retention: RetentionConfig;
}

/** Depay sandbox settings (docs/depay.md). */
export interface DepayConfig {
  /** Units of each currency per 1 USD (CAJA_DEPAY_RATES overrides the defaults). */
  rates: RateTable;
  /** Seller-clock delay before a stage outcome (seed: the amount's last digit) runs by itself. */
  outcomeDelaySeconds: number;
  /** Seller-clock delay before a PENDING refund settles. */
  refundDelaySeconds: number;
}

export interface MercadoPagoConfig {
  /** How long a refund stays `processing` before it is `processed`, on the seller's clock. */
  refundSettleMs: number;
}

export interface WebhookConfig {
  /** Mercado Pago documents 22 s for an acknowledgement. */
  timeoutMs: number;
  /** Delays before each retry, in ms. Mercado Pago webhooks. */
  retrySchedule: number[];
  /** Legacy IPN (notification_url): +30 s, +5 min, +30 min in MP's IPN doc. */
  ipnRetrySchedule: number[];
  /** Depay callbacks: undocumented by Depay; caja's choice. */
  depayRetrySchedule: number[];
  allowPrivate: boolean;
  concurrency: number;
  maxResponseBytes: number;
}

export const DEFAULT_RETRY_SCHEDULE = '15m,15m,15m,1h,6h,24h';
export const DEFAULT_IPN_RETRY_SCHEDULE = '30s,5m,30m';
export const DEFAULT_DEPAY_RETRY_SCHEDULE = '1m,5m,15m,1h,6h';

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

type Env = Record<string, string | undefined>;

/** Reads and validates the environment once; every problem is named. */
export function loadConfig(env: Env, cwd = process.cwd()): Result<Config, string[]> {
  const problems: string[] = [];
  const int = (name: string, dflt: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return dflt;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return dflt;
    }
    return Number(raw);
  };
  const bool = (name: string, dflt: boolean): boolean => {
    const raw = env[name]?.toLowerCase();
    if (raw === undefined || raw === '') return dflt;
    if (['1', 'true', 'on', 'yes'].includes(raw)) return true;
    if (['0', 'false', 'off', 'no'].includes(raw)) return false;
    problems.push(`${name} must be on or off (got "${env[name]}")`);
    return dflt;
  };
  const schedule = (name: string, dflt: string): number[] => {
    const parsed = parseRetrySchedule(env[name] || dflt);
    if (!parsed.ok) {
      problems.push(`${name}: ${parsed.error}`);
      return [];
    }
    return parsed.value;
  };

  const port = int('PORT', 8080, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const dataDir = path.resolve(cwd, env.CAJA_DATA_DIR || '.caja');

  let databaseUrl: string | undefined;
  if (env.DATABASE_URL) {
    if (/^postgres(ql)?:\/\//.test(env.DATABASE_URL)) databaseUrl = env.DATABASE_URL;
    else problems.push('DATABASE_URL must be a postgres:// URL (leave it unset for the embedded SQLite default)');
  }

  const pgPoolSize = int('CAJA_PG_POOL_SIZE', 20, 1, 500);
  const sqliteGroupCommit = bool('CAJA_SQLITE_GROUP_COMMIT', true);
  const pgPipeline = bool('CAJA_PG_PIPELINE', true);

  const adminToken = env.CAJA_ADMIN_TOKEN || undefined;
  if (adminToken !== undefined && adminToken.length < 16) {
    problems.push('CAJA_ADMIN_TOKEN must be at least 16 characters');
  }

  let publicUrl = env.CAJA_PUBLIC_URL || `http://localhost:${port}`;
  publicUrl = publicUrl.replace(/\/+$/, '');
  if (!/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(publicUrl)) {
    problems.push(`CAJA_PUBLIC_URL must be an http(s) URL (got "${env.CAJA_PUBLIC_URL}")`);
  } else if (publicUrl.length > 60) {
    // The URL goes inside EMV QR templates whose values are at most 99 characters.
    problems.push('CAJA_PUBLIC_URL must be at most 60 characters (it is embedded in QR payloads)');
  }

  const logLevel = (env.LOG_LEVEL || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const webhook: WebhookConfig = {
    timeoutMs: int('CAJA_WEBHOOK_TIMEOUT_MS', 22_000, 100, 120_000),
    retrySchedule: schedule('CAJA_WEBHOOK_RETRY_SCHEDULE', DEFAULT_RETRY_SCHEDULE),
    ipnRetrySchedule: schedule('CAJA_IPN_RETRY_SCHEDULE', DEFAULT_IPN_RETRY_SCHEDULE),
    depayRetrySchedule: schedule('CAJA_DEPAY_RETRY_SCHEDULE', DEFAULT_DEPAY_RETRY_SCHEDULE),
    allowPrivate: bool('CAJA_WEBHOOK_ALLOW_PRIVATE', true),
    concurrency: int('CAJA_WEBHOOK_CONCURRENCY', 64, 1, 1024),
    maxResponseBytes: 64 * 1024,
  };

  const rates = parseDepayRates(env.CAJA_DEPAY_RATES);
  if (!rates.ok) problems.push(...rates.error.map((p) => `CAJA_DEPAY_RATES: ${p}`));
  const depay: DepayConfig = {
    rates: rates.ok ? rates.value : DEFAULT_DEPAY_RATES,
    // The QR lives 10 minutes (seed), so an outcome must come before that.
    outcomeDelaySeconds: int('CAJA_DEPAY_OUTCOME_DELAY_SECONDS', 3, 0, 599),
    refundDelaySeconds: int('CAJA_DEPAY_REFUND_DELAY_SECONDS', 5, 0, 86_400),
  };

  const config: Config = {
    port,
    host,
    dataDir,
    databaseUrl,
    pgPoolSize,
    sqliteGroupCommit,
    pgPipeline,
    adminToken,
    publicUrl,
    logLevel,
    seed: bool('CAJA_SEED', true),
    webhook,
    mercadopago: { refundSettleMs: int('CAJA_MP_REFUND_SECONDS', 5, 0, 86_400) * 1000 },
    depay,
    http: readHttpLimits(int, problems),
    retention: loadRetention(env, problems, int),
  };
  return problems.length ? err(problems) : ok(config);
}
