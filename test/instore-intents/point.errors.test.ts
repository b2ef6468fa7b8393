import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { as, pointShop, type Shop, type TerminalView } from '../point/fixtures.js';
import { createTerminal, setup } from '../terminals/fixtures.js';
import { openShop } from '../support/qr-orders.js';
import { createPointIntent, deletePointIntent, expectIntentError, INTENTS, openQrIntent, seedPointBody } from '../support/intents.js';

type Edit = (b: Record<string, any>) => void;

describe('Instore Point intents: every documented error, nothing stored', () => {
  const caja = testbed({ workers: false });
  let mla: { shop: Shop; terminal: TerminalView };
  let mlb: { shop: Shop; terminal: TerminalView };
  const stored = async () => Number((await sql<{ n: number }>`SELECT COUNT(*) AS n FROM instore_intents`.execute(caja.runtime.ctx.store.db)).rows[0]!.n);
  beforeAll(async () => {
    mla = await pointShop(caja, 'MLA', 600_000);
    mlb = await pointShop(caja, 'MLB', 600_000);
  });

  const BAD: Array<[string, Edit, RegExp, 'MLA' | 'MLB']> = [
    ['amount missing', (b) => delete b.operations[0].amount, /operations\[0\]\.amount is required/, 'MLA'],
    ['a CASH_OUT', (b) => (b.operations[0].type = 'CASH_OUT'), /operations\[0\]\.type must be one of \["PURCHASE"\]/, 'MLA'],
    ['items', (b) => (b.operations[0].items = []), /operations\[0\]\.items is not a supported property/, 'MLA'],
    ['two operations', (b) => b.operations.push(b.operations[0]), /operations must have at most 1/, 'MLA'],
    ['under the MLA minimum 5.00 (seed 001)', (b) => (b.operations[0].amount = '4.99'), /between 5\.00 and 4000000\.00 for MLA/, 'MLA'],
    ['over the MLA maximum 4000000.00', (b) => (b.operations[0].amount = '4000000.01'), /between 5\.00 and 4000000\.00 for MLA/, 'MLA'],
    ['under the MLB minimum 1.00 (seed 001)', (b) => (b.operations[0].amount = '0.99'), /between 1\.00 and 70000\.00 for MLB/, 'MLB'],
    ['over the MLB maximum 70000.00', (b) => (b.operations[0].amount = '70000.01'), /between 1\.00 and 70000\.00 for MLB/, 'MLB'],
    ['a device_payment_mode other than CARD', (b) => (b.enabler_configuration.device_payment_mode = 'QR'), /device_payment_mode must be one of \["CARD"\]/, 'MLA'],
    ['ticket_number over 100', (b) => (b.enabler_configuration.ticket_number = 't'.repeat(101)), /ticket_number must be at most 100/, 'MLA'],
    ['print_on_terminal unknown', (b) => (b.enabler_configuration.print_on_terminal = ['BUYER_TICKET']), /print_on_terminal\[0\] must be one of \["SELLER_TICKET"\]/, 'MLA'],
    ['a QR setting on a Point intent', (b) => (b.enabler_configuration.qr_payment_mode = ['STATIC']), /qr_payment_mode is not a supported property/, 'MLA'],
    ['description missing', (b) => delete b.description, /description is required/, 'MLA'],
  ];

  it.each(BAD)('400 bad_request: %s', async (_name, edit, message, site) => {
    const body = seedPointBody();
    edit(body);
    const before = await stored();
    const { shop } = site === 'MLA' ? mla : mlb;
    expectIntentError(await createPointIntent(caja, shop, body, {}), 400, 'bad_request', message);
    expect(await stored()).toBe(before);
  });

  it('404 pos_not_found; a device that is not the seller’s; a POS without a PDV device and a device not in PDV mode (400); a site without Point', async () => {
    expectIntentError(await createPointIntent(caja, mla.shop, seedPointBody(), { pos: 'NOPOS1' }), 404, 'pos_not_found', 'Point of sale with externalId NOPOS1 is not found');
    expectIntentError(await createPointIntent(caja, mla.shop, seedPointBody(), { device: mlb.terminal.id }), 404, 'not_found', /is not found/);
    const bare = await openShop(caja, 'MLA');
    expectIntentError(await createPointIntent(caja, bare, seedPointBody(), {}), 400, 'bad_request', /has no Point device in PDV mode/);
    const standalone = await createTerminal(caja, bare);
    expectIntentError(await createPointIntent(caja, bare, seedPointBody(), { device: standalone.id }), 400, 'bad_request', /is not in PDV mode/);
    expect((await setup(caja, bare.seller, standalone.id, 'PDV')).statusCode).toBe(200);
    expect((await createPointIntent(caja, bare, seedPointBody(), { device: standalone.id })).statusCode).toBe(201);
    const uy = await openShop(caja, 'MLU');
    expectIntentError(await createPointIntent(caja, uy, seedPointBody(), {}), 400, 'bad_request', /Point is available in AR, BR, CL and MX only/);
  });

  it("404 not_found: GET and DELETE of an unknown id, another seller's, a QR intent read as Point", async () => {
    expectIntentError(await caja.request({ method: 'GET', url: `${INTENTS}/nope/point`, headers: mla.shop.seller.auth }), 404, 'not_found', 'Register not found');
    expectIntentError(await deletePointIntent(caja, mla.shop, 'nope'), 404, 'not_found', "Not found The intent nope doesn't exist!");
    const i = (await createPointIntent(caja, mla.shop, seedPointBody(), {})).json();
    expectIntentError(await caja.request({ method: 'GET', url: `${INTENTS}/${i.id}/point`, headers: mlb.shop.seller.auth }), 404, 'not_found');
    expectIntentError(await deletePointIntent(caja, mlb.shop, i.id), 404, 'not_found');
    expectIntentError(await caja.request({ method: 'GET', url: `${INTENTS}/${i.id}/qr`, headers: mla.shop.seller.auth }), 404, 'not_found');
    const qr = await openQrIntent(caja, mla.shop);
    expectIntentError(await deletePointIntent(caja, mla.shop, qr.id), 404, 'not_found');
    expect((await deletePointIntent(caja, mla.shop, i.id)).statusCode).toBe(204);
    expectIntentError(await deletePointIntent(caja, mla.shop, i.id), 409, 'Conflict', /is CANCELED/);
    const screen = (await as(caja, mla.shop.seller, { method: 'GET', url: `/sandbox/terminals/${mla.terminal.id}` })).json().screen;
    expect(screen.state).toBe('idle');
  });
});
