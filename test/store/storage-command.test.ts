import { describe, expect, it } from 'vitest';
import { storageCommand } from '../../src/cli/storage.js';
import { testbed } from '../support/harness.js';
import { createOrder, openShop, orderAction } from '../support/qr-orders.js';

describe('caja storage', () => {
  const caja = testbed({ env: { CAJA_RETAIN_MP_ORDERS: '1s', CAJA_RETAIN_NOTIFICATIONS: '1s', CAJA_RETAIN_IDEMPOTENCY_KEYS: '1s' } });

  it('reports rows and bytes by table, and --prune removes what retention allows', async () => {
    const shop = await openShop(caja);
    const order = await createOrder(caja, shop);
    expect((await orderAction(caja, shop, order.id, 'cancel')).statusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 1100));

    const lines: string[] = [];
    await storageCommand(caja.config, [], (l) => lines.push(l));
    const row = (table: string, from = 0) => lines.slice(from).find((l) => l.startsWith(`${table} `));
    expect(row('mp_orders')).toMatch(/^mp_orders\s+1\s+\d+(\.\d)? [KM]B$/);
    expect(row('database')).toMatch(/[KM]B$/);
    expect(lines.join('\n')).not.toContain('removed now');

    lines.length = 0;
    await storageCommand(caja.config, ['--prune'], (l) => lines.push(l));
    const after = lines.indexOf('removed now (retention settings from the environment):');
    expect(after).toBeGreaterThan(0);
    // The order, the QR code it issued and its status history (one move: canceled).
    expect(lines.slice(after).find((l) => l.trim().startsWith('mp_orders '))).toMatch(/\s3$/);
    expect(row('mp_orders', after + 1)).toMatch(/^mp_orders\s+0\s/);
    expect(row('idempotency_keys', after + 1)).toMatch(/^idempotency_keys\s+0\s/);
  });
});
