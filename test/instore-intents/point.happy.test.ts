import { beforeAll, describe, expect, it } from 'vitest';
import { testbed, type Harness } from '../support/harness.js';
import { getPayment } from '../support/payments.js';
import { until } from '../support/receiver.js';
import { advance } from '../support/notify.js';
import { as, card, createPoint, device, pointShop, type Shop, type TerminalView } from '../point/fixtures.js';
import { createPointIntent, deletePointIntent, expectIntentError, getPointIntent, seedPointBody } from '../support/intents.js';

/** Seed 001's GET example (its "...." elisions dropped). */
const SEED_GET = JSON.parse(`{
    "description": "description",
    "external_reference": "external_reference",
    "status": "CLOSED",
    "operations": [ { "type": "PURCHASE", "results": [ { "id": 123456, "source": "PAYMENT" } ] } ],
    "enabler_configuration": { "ticket_number": "Ticket001", "device_payment_mode": "CARD", "print_on_terminal": [ "SELLER_TICKET" ] }
}`) as Record<string, any>;

const screenOf = async (caja: Harness, shop: Shop, id: string) => (await as(caja, shop.seller, { method: 'GET', url: `/sandbox/terminals/${id}` })).json().screen;
const history = async (caja: Harness, shop: Shop, id: string) =>
  (await as(caja, shop.seller, { method: 'GET', url: `/sandbox/history/instore_intent/${id}` })).json().statuses.map((s: { status: string }) => s.status);

describe('Instore Point intents on the simulated terminal (seed 001)', () => {
  const caja = testbed();
  let shop: Shop;
  let terminal: TerminalView;
  beforeAll(async () => {
    ({ shop, terminal } = await pointShop(caja, 'MLA', 0));
  });

  const onTerminal = async (id: string) => until(async () => (await getPointIntent(caja, shop, id)).status === 'ON_TERMINAL', 5000, 'ON_TERMINAL');

  it("created for the POS's PDV device: OPENED, taken (ON_TERMINAL), paid by card → CLOSED; the GET is seed 001's field by field", async () => {
    const res = await createPointIntent(caja, shop, seedPointBody(), {});
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), ...seedPointBody(), status: 'OPENED' });
    await onTerminal(created.id);
    expect(await screenOf(caja, shop, terminal.id)).toMatchObject({ state: 'waiting_card', charge: { kind: 'intent', id: created.id, amount: 1014, ticket_number: 'Ticket001' } });
    const paid = await card(caja, shop, terminal.id, { brand: 'visa', cardholder_name: 'APRO' });
    expect(paid.statusCode, paid.body).toBe(200);
    const got = await getPointIntent(caja, shop, created.id);
    expect(Object.keys(got).filter((k) => k !== 'id')).toEqual(Object.keys(SEED_GET));
    expect(got.status).toBe(SEED_GET.status);
    expect(got.description).toBe(SEED_GET.description);
    expect(got.external_reference).toBe(SEED_GET.external_reference);
    expect(got.enabler_configuration).toEqual(SEED_GET.enabler_configuration);
    expect(got.operations[0].type).toBe('PURCHASE');
    expect(got.operations[0].amount).toBe('10.14');
    expect(Object.keys(got.operations[0].results[0])).toEqual(Object.keys(SEED_GET.operations[0].results[0]));
    const paymentId = got.operations[0].results[0].id;
    expect(got.operations[0].results[0].source).toBe('PAYMENT');
    expect((await getPayment(caja, shop.seller, paymentId)).json()).toMatchObject({ id: paymentId, status: 'approved', transaction_amount: 10.14, payment_method_id: 'visa' });
    expect(await history(caja, shop, created.id)).toEqual(['ON_TERMINAL', 'PROCESSING', 'PROCESSED', 'CLOSED']);
    // The terminal is free again: a new charge may queue.
    const next = await createPointIntent(caja, shop, seedPointBody(), { device: terminal.id });
    expect(next.statusCode).toBe(201);
    await onTerminal(next.json().id);
    expect((await device(caja, shop, terminal.id, 'cancel')).statusCode).toBe(200);
  });

  it('created for a device id; one waiting charge per terminal whatever API created it (409)', async () => {
    const { shop: s, terminal: t } = await pointShop(caja, 'MLB', 600_000);
    const first = await createPointIntent(caja, s, seedPointBody(), { device: t.id });
    expect(first.statusCode, first.body).toBe(201);
    expectIntentError(await createPointIntent(caja, s, seedPointBody(), { device: t.id }), 409, 'Conflict', 'There is already a queued intent for the device');
    expectIntentError(await createPointIntent(caja, s, seedPointBody(), {}), 409, 'Conflict');
    const order = await createPoint(caja, s, t.id);
    expect(order.statusCode).toBe(409);
    expect(order.json().errors[0].code).toBe('already_queued_order_for_terminal');
    // DELETE while OPENED: 204, CANCELED, and the terminal takes the next charge.
    const del = await deletePointIntent(caja, s, first.json().id);
    expect(del.statusCode, del.body).toBe(204);
    expect((await getPointIntent(caja, s, first.json().id)).status).toBe('CANCELED');
    expect((await createPoint(caja, s, t.id)).statusCode).toBe(201);
    expectIntentError(await createPointIntent(caja, s, seedPointBody(), { device: t.id }), 409, 'Conflict');
  });

  it('on the terminal it cannot be deleted (409: cancel it on the device); canceled on the device it is CANCELED', async () => {
    const i = (await createPointIntent(caja, shop, seedPointBody(), {})).json();
    await onTerminal(i.id);
    expectIntentError(await deletePointIntent(caja, shop, i.id), 409, 'Conflict', /is ON_TERMINAL: only an OPENED intent can be canceled; cancel it on the Point device/);
    expect((await device(caja, shop, terminal.id, 'cancel')).statusCode).toBe(200);
    expect((await getPointIntent(caja, shop, i.id)).status).toBe('CANCELED');
    expect((await screenOf(caja, shop, terminal.id)).state).toBe('idle');
  });

  it('the payer walks away: CONFIRMATION_REQUIRED; a declined card: ERROR (the ledger keeps the attempt)', async () => {
    const walked = (await createPointIntent(caja, shop, seedPointBody(), {})).json();
    await onTerminal(walked.id);
    expect((await device(caja, shop, terminal.id, 'timeout')).statusCode).toBe(200);
    expect((await getPointIntent(caja, shop, walked.id)).status).toBe('CONFIRMATION_REQUIRED');
    const declined = (await createPointIntent(caja, shop, seedPointBody(), {})).json();
    await onTerminal(declined.id);
    const res = await card(caja, shop, terminal.id, { brand: 'visa', cardholder_name: 'FUND' });
    expect(res.statusCode, res.body).toBe(200);
    const got = await getPointIntent(caja, shop, declined.id);
    expect(got.status).toBe('ERROR');
    expect(got.operations[0].results).toBeUndefined();
    expect(await history(caja, shop, declined.id)).toEqual(['ON_TERMINAL', 'PROCESSING', 'ERROR']);
  });

  it('a card read without an answer ends CONFIRMATION_REQUIRED 40 s later', async () => {
    const i = (await createPointIntent(caja, shop, seedPointBody(), {})).json();
    await onTerminal(i.id);
    expect((await card(caja, shop, terminal.id, { stall: true })).statusCode).toBe(200);
    expect((await getPointIntent(caja, shop, i.id)).status).toBe('PROCESSING');
    expectIntentError(await deletePointIntent(caja, shop, i.id), 409, 'Conflict', /PROCESSING/);
    await advance(caja, shop.seller, 41);
    await until(async () => (await getPointIntent(caja, shop, i.id)).status === 'CONFIRMATION_REQUIRED', 5000, 'CONFIRMATION_REQUIRED');
  });

  it('EXPIRED after the hour, queued or on the terminal without a card; the terminal is freed', async () => {
    const { shop: s, terminal: t } = await pointShop(caja, 'MLA', 0);
    const i = (await createPointIntent(caja, s, seedPointBody(), { device: t.id })).json();
    await until(async () => (await getPointIntent(caja, s, i.id)).status === 'ON_TERMINAL', 5000);
    await advance(caja, s.seller, 3601);
    await until(async () => (await getPointIntent(caja, s, i.id)).status === 'EXPIRED', 5000, 'EXPIRED');
    // GET reads EXPIRED from the hour on; the expiry timer then frees the terminal.
    await until(async () => (await screenOf(caja, s, t.id)).state === 'idle', 5000, 'the screen to be idle');
    expect(await history(caja, s, i.id)).toEqual(['ON_TERMINAL', 'EXPIRED']);
    expect((await createPointIntent(caja, s, seedPointBody(), { device: t.id })).statusCode).toBe(201);
  });
});
