import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { idFloor, newId } from '../../src/core/ids.js';

const DAY = 86_400_000;

describe('retention configuration', () => {
  it('defaults to what the APIs promise', () => {
    const c = loadConfig({});
    expect(c.ok).toBe(true);
    if (!c.ok) return;
    expect(c.value.retention).toMatchObject({ mpOrdersMs: 90 * DAY, mpPaidOrdersMs: 180 * DAY, idempotencyKeysMs: DAY, timersMs: DAY, notificationsMs: 30 * DAY });
  });

  it('reads durations and refuses a bad one, naming it', () => {
    const c = loadConfig({ CAJA_RETAIN_MP_ORDERS: '2m', CAJA_RETENTION_BATCH: '50' });
    expect(c.ok && c.value.retention.mpOrdersMs).toBe(120_000);
    expect(c.ok && c.value.retention.batchSize).toBe(50);
    const bad = loadConfig({ CAJA_RETAIN_TIMERS: '3 days', CAJA_RETENTION_INTERVAL: '10ms', CAJA_RETENTION_BATCH: '0' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    for (const name of ['CAJA_RETAIN_TIMERS', 'CAJA_RETENTION_INTERVAL', 'CAJA_RETENTION_BATCH']) expect(bad.error.join('\n')).toContain(name);
  });

  it('idFloor sorts below every id minted at that time and above every earlier one', () => {
    const t = Date.UTC(2026, 0, 1);
    expect(newId('EVT', t - 1) < idFloor('EVT', t)).toBe(true);
    expect(newId('EVT', t) >= idFloor('EVT', t)).toBe(true);
    expect(newId('EVT', t + 1) > idFloor('EVT', t)).toBe(true);
  });
});
