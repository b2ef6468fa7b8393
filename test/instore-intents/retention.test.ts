import { describe, expect, it } from 'vitest';
import { pruneAll } from '../../src/jobs/retention/prune.js';
import { testbed } from '../support/harness.js';
import { openShop, walletPay, walletScan } from '../support/qr-orders.js';
import { INTENTS, openQrIntent } from '../support/intents.js';

describe('retention of Instore intents', () => {
  const caja = testbed(() => {
    const env = Object.fromEntries(['MP_ORDERS', 'MP_PAID_ORDERS', 'TIMERS'].map((f) => [`CAJA_RETAIN_${f}`, '1s']));
    return { env: { ...env, CAJA_RETENTION_BATCH: '2', CAJA_RETENTION_PAUSE_MS: '0' } };
  });

  it('finished intents go with their code and history; an OPENED one stays', async () => {
    const shop = await openShop(caja, 'MLA');
    const paid = await openQrIntent(caja, shop);
    expect((await walletPay(caja, paid.qr.data)).statusCode).toBe(201);
    const canceled = await openQrIntent(caja, shop);
    expect((await caja.request({ method: 'DELETE', url: `${INTENTS}/${canceled.id}/qr`, headers: shop.seller.auth })).statusCode).toBe(204);
    await new Promise((r) => setTimeout(r, 1100));
    const open = await openQrIntent(caja, shop);
    await pruneAll(caja.runtime.ctx.store, caja.config.retention, { realNow: () => Date.now() + 5_000 });
    const db = caja.runtime.ctx.store.db;
    expect((await db.selectFrom('instore_intents').select('id').execute()).map((r) => r.id)).toEqual([open.id]);
    expect(await db.selectFrom('status_history').select('aggregate_id').where('aggregate', '=', 'instore_intent').execute()).toEqual([]);
    expect((await walletScan(caja, canceled.qr.data)).statusCode).toBe(404);
    expect((await walletScan(caja, open.qr.data)).statusCode).toBe(200);
    expect((await walletScan(caja, shop.posQr)).json()).toMatchObject({ status: 'payable', charge: { id: open.id } });
  });
});
