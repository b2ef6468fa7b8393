import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testbed } from '../support/harness.js';
import { configureWebhooks, advance } from '../support/notify.js';
import { openShop, walletPay, type Shop } from '../support/qr-orders.js';
import { Receiver } from '../support/receiver.js';
import { createPointIntent, deletePointIntent, INTENTS, openQrIntent } from '../support/intents.js';
import { pointShop } from '../point/fixtures.js';

/** Seed 000's QR notification (mla), as written. */
const SEED_WEBHOOK = JSON.parse(`{
    "action": "topic_instore_integration_wh.application.authorized",
    "api_version": "v1",
    "data": {
        "enabler_configuration": {
            "qr_payment_mode": [
                "STATIC" ,"DYNAMIC" 
            ]
        },
        "qr": {
           "data":"qr-data"
        },
        "external_reference": "123132342341",
        "description": "abc",
        "id": "1234567-12345-12345678-1234567890",
        "operations": [
            {
                "amount": "10.14",
                "type": "PURCHASE",
                "items": [
                   {
                    "sku_number": "sku_number",
                    "external_categories": [
                        {
                            "id": "category_id"
                        }
                    ],
                    "title": "title",
                    "unit_price": "10.14",
                    "quantity": 1,
                    "unit_measure": "UNIT",
                    "total_amount": "10.14"
                }
              ]
            }        ],
        "status": "CANCELED",
        "url": "https://api.mercadopago.com/instore-api/integrations/v1/intents/1234567-12345-12345678-1234567890/qr"
    },
    "date_created": "2023-07-27 20:24:21.776642198-0400",
    "id": "1234567-12345-12345678-1234567890",
    "live_mode": true,
    "type": "topic_instore_integration_wh",
    "user_id": 123456678
}`) as Record<string, any>;

/** The create body that gives the seed's notification data. */
const SEED_LIKE = {
  description: SEED_WEBHOOK.data.description,
  external_reference: SEED_WEBHOOK.data.external_reference,
  operations: SEED_WEBHOOK.data.operations,
  enabler_configuration: SEED_WEBHOOK.data.enabler_configuration,
};

/** Seed 001's Point notifications (mla, with a ticket number; mlb, without), as written. */
const SEED_POINT_WEBHOOKS = ['"ticket_number": "Ticket001",', ''].map(
  (ticket) =>
    JSON.parse(`{
    "id": "1234567-12345-12345678-1234567890",
    "action": "topic_instore_integration_wh.application.authorized",
    "api_version": "v1",
    "data": {
        "enabler_configuration": {
            ${ticket}
            "device_payment_mode": "CARD",
            "print_on_terminal": [
                "SELLER_TICKET"
            ]
        },
        "external_reference": "123132342341",
        "description": "abc",
        "id": "1234567-12345-12345678-1234567890",
        "operations": [
            {
                "amount": "10.14",
                "type": "PURCHASE"
            }
        ],
        "status": "CANCELED",
        "url": "https://api.mercadopago.com/instore-api/integrations/v1/intents/1234567-12345-12345678-1234567890/point"
    },
    "date_created": "2023-07-27 20:24:21.776642198-0400",
    "live_mode": true,
    "type": "topic_instore_integration_wh",
    "user_id": 12345667
}`) as Record<string, any>,
);

const keys = (o: object) => Object.keys(o).sort();

describe('the Instore Integration webhook (seeds 000 and 001)', () => {
  let rx: Receiver;
  beforeAll(async () => {
    rx = await Receiver.start();
  });
  afterAll(async () => rx.close());
  const caja = testbed();
  let shop: Shop;
  beforeAll(async () => {
    shop = await openShop(caja, 'MLA');
    await configureWebhooks(caja, shop.seller, { url: rx.url, topics: ['topic_instore_integration_wh'] });
  });

  it("a canceled intent's notification is seed 000's body field by field", async () => {
    rx.received.length = 0;
    const intent = await openQrIntent(caja, shop, SEED_LIKE);
    expect(rx.received).toHaveLength(0);
    expect((await caja.request({ method: 'DELETE', url: `${INTENTS}/${intent.id}/qr`, headers: shop.seller.auth })).statusCode).toBe(204);
    const [req] = await rx.waitFor(1);
    expect(req!.query.get('type')).toBe('topic_instore_integration_wh');
    expect(req!.query.get('data.id')).toBe(intent.id);
    const body = JSON.parse(req!.body) as Record<string, any>;
    expect(keys(body)).toEqual(keys(SEED_WEBHOOK));
    expect(keys(body.data)).toEqual(keys(SEED_WEBHOOK.data));
    expect(body.action).toBe(SEED_WEBHOOK.action);
    expect(body.api_version).toBe(SEED_WEBHOOK.api_version);
    expect(body.type).toBe(SEED_WEBHOOK.type);
    expect(body.id).toBe(intent.id);
    expect(body.user_id).toBe(shop.seller.user_id);
    expect(typeof body.user_id).toBe(typeof SEED_WEBHOOK.user_id);
    // caja's sellers are test users: live_mode false, as on every topic (README fidelity).
    expect(body.live_mode).toBe(false);
    expect(body.date_created).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{9}-0400$/);
    expect(body.date_created.length).toBe(SEED_WEBHOOK.date_created.length);
    const { id: _i, qr, url, ...rest } = body.data;
    const { id: _s, qr: _q, url: _u, ...seedRest } = SEED_WEBHOOK.data;
    expect(rest).toEqual(seedRest);
    expect(body.data.id).toBe(intent.id);
    expect(keys(qr)).toEqual(['data']);
    expect(qr.data).toBe(intent.qr.data);
    expect(url).toBe(`${caja.runtime.ctx.config.publicUrl}/instore-api/integrations/v1/intents/${intent.id}/qr`);
  });

  it('a paid intent notifies CLOSED with its results; an expired one EXPIRED; OPENED never', async () => {
    rx.received.length = 0;
    const paidIntent = await openQrIntent(caja, shop, SEED_LIKE);
    const paid = await walletPay(caja, paidIntent.qr.data);
    const expiring = await openQrIntent(caja, shop, SEED_LIKE);
    await advance(caja, shop.seller, 3601);
    await rx.waitFor(2);
    const bodies = rx.received.map((r) => JSON.parse(r.body) as Record<string, any>);
    const closed = bodies.find((b) => b.id === paidIntent.id)!;
    expect(closed.data.status).toBe('CLOSED');
    expect(closed.data.operations[0].results).toEqual([{ id: Number(paid.json().id), source: 'PAYMENT' }]);
    const expired = bodies.find((b) => b.id === expiring.id)!;
    expect(expired.data.status).toBe('EXPIRED');
    expect(rx.received).toHaveLength(2);
  });

  it.each(SEED_POINT_WEBHOOKS.map((w, n) => [n === 0 ? 'MLA' : 'MLB', w] as const))("a canceled Point intent's notification is seed 001's %s body field by field", async (site, seed) => {
    const { shop: s } = await pointShop(caja, site, 600_000);
    await configureWebhooks(caja, s.seller, { url: rx.url, topics: ['topic_instore_integration_wh'] });
    rx.received.length = 0;
    const created = await createPointIntent(caja, s, { description: seed.data.description, external_reference: seed.data.external_reference, operations: seed.data.operations, enabler_configuration: seed.data.enabler_configuration }, {});
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect((await deletePointIntent(caja, s, id)).statusCode).toBe(204);
    const [req] = await rx.waitFor(1);
    const body = JSON.parse(req!.body) as Record<string, any>;
    expect(keys(body)).toEqual(keys(seed));
    expect(keys(body.data)).toEqual(keys(seed.data));
    const { id: _i, url, ...rest } = body.data;
    const { id: _s, url: _u, ...seedRest } = seed.data;
    expect(rest).toEqual(seedRest);
    expect(body).toMatchObject({ id, action: seed.action, api_version: 'v1', type: seed.type, user_id: s.seller.user_id, live_mode: false, data: { id } });
    expect(body.date_created).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{9}-0400$/);
    expect(url).toBe(`${caja.runtime.ctx.config.publicUrl}/instore-api/integrations/v1/intents/${id}/point`);
  });

  it('a seller who does not enable the topic gets nothing (the delivery is skipped)', async () => {
    const other = await openShop(caja, 'MLB');
    await configureWebhooks(caja, other.seller, { url: rx.url, topics: ['order'] });
    const intent = await openQrIntent(caja, other);
    await caja.request({ method: 'DELETE', url: `${INTENTS}/${intent.id}/qr`, headers: other.seller.auth });
    const rows = await sql<{ status: string; topic: string }>`SELECT status, topic FROM deliveries WHERE resource_id = ${intent.id}`.execute(caja.runtime.ctx.store.db);
    expect(rows.rows).toEqual([{ status: 'skipped', topic: 'topic_instore_integration_wh' }]);
  });
});
