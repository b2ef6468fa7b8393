import fc from 'fast-check';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { openShop, walletPay, type Shop } from '../support/qr-orders.js';
import { createQrIntent, expectIntentError, INTENTS, openQrIntent, seedQrBody } from '../support/intents.js';

type Edit = (b: Record<string, any>) => void;

describe('Instore QR intents: every documented error, in the {errorKey} object, nothing stored', () => {
  const caja = testbed({ workers: false });
  let mla: Shop;
  let mlb: Shop;
  const stored = async () => Number((await sql<{ n: number }>`SELECT COUNT(*) AS n FROM instore_intents`.execute(caja.runtime.ctx.store.db)).rows[0]!.n);
  beforeAll(async () => {
    mla = await openShop(caja, 'MLA');
    mlb = await openShop(caja, 'MLB');
  });

  const BAD: Array<[string, Edit, RegExp, 'MLA' | 'MLB']> = [
    ['description missing', (b) => delete b.description, /description is required/, 'MLA'],
    ['description empty', (b) => (b.description = ''), /description must not be empty/, 'MLA'],
    ['description over 255', (b) => (b.description = 'd'.repeat(256)), /description must be at most 255/, 'MLA'],
    ['external_reference missing', (b) => delete b.external_reference, /external_reference is required/, 'MLA'],
    ['external_reference over 100', (b) => (b.external_reference = 'r'.repeat(101)), /external_reference must be at most 100/, 'MLA'],
    ['operations missing', (b) => delete b.operations, /operations is required/, 'MLA'],
    ['operations empty', (b) => (b.operations = []), /operations must have at least 1/, 'MLA'],
    ['three operations', (b) => b.operations.push({ type: 'CASH_OUT', amount: '1.00' }, { type: 'CASH_OUT', amount: '1.00' }), /operations must have at most 2/, 'MLA'],
    ['an unknown operation type', (b) => (b.operations[0].type = 'REFUND'), /operations\[0\]\.type must be one of \["PURCHASE","CASH_OUT"\]/, 'MLA'],
    ['the same type twice', (b) => b.operations.push({ ...b.operations[0] }), /operations\[1\]\.type: PURCHASE is sent twice/, 'MLA'],
    ['a CASH_OUT alone', (b) => (b.operations = [{ type: 'CASH_OUT', amount: '10.00' }]), /a CASH_OUT goes with a PURCHASE/, 'MLA'],
    ['neither amount nor items', (b) => delete b.operations[0].items && delete b.operations[0].amount, /operations\[0\]\.amount is required when no items are sent/, 'MLA'],
    ['amount not the items total', (b) => (b.operations[0].amount = '14.54'), /operations\[0\]\.amount must equal the sum of its items' total_amount \(14\.53\)/, 'MLA'],
    ['an item total not unit × quantity', (b) => (b.operations[0].items[0].quantity = 2), /operations\[0\]\.items\[0\]\.total_amount must be unit_price × quantity/, 'MLA'],
    ['three decimals', (b) => (b.operations[0].amount = '14.530'), /operations\[0\]\.amount: amount allows 2 decimals/, 'MLA'],
    ['a negative amount', (b) => (b.operations[0].amount = '-14.53'), /operations\[0\]\.amount: amount must not be negative/, 'MLA'],
    ['a zero amount', (b) => (b.operations = [{ type: 'PURCHASE', amount: '0.00' }]), /operations\[0\]\.amount: amount must be greater than zero/, 'MLA'],
    ['under the MLA minimum (seed 001: 5.00)', (b) => (b.operations = [{ type: 'PURCHASE', amount: '4.99' }]), /operations\[0\]\.amount must be between 5\.00 and 4000000\.00 for MLA/, 'MLA'],
    ['over the MLA maximum', (b) => (b.operations = [{ type: 'PURCHASE', amount: '4000000.01' }]), /between 5\.00 and 4000000\.00/, 'MLA'],
    ['under the MLB minimum (seed 001: 1.00)', (b) => (b.operations = [{ type: 'PURCHASE', amount: '0.99' }]), /between 1\.00 and 70000\.00 for MLB/, 'MLB'],
    ['over the MLB maximum', (b) => (b.operations = [{ type: 'PURCHASE', amount: '70000.01' }]), /between 1\.00 and 70000\.00 for MLB/, 'MLB'],
    ['an item without title', (b) => delete b.operations[0].items[0].title, /operations\[0\]\.items\[0\]\.title is required/, 'MLA'],
    ['an unknown unit_measure', (b) => (b.operations[0].items[0].unit_measure = 'KG'), /unit_measure must be one of \["UNIT","PACK"\]/, 'MLA'],
    ['quantity over 1000000', (b) => (b.operations[0].items[0].quantity = 1_000_001), /quantity must be <= 1000000/, 'MLA'],
    ['items on a CASH_OUT', (b) => b.operations.push({ type: 'CASH_OUT', amount: '14.53', items: b.operations[0].items }), /operations\[1\]\.items: a CASH_OUT carries no items/, 'MLA'],
    ['an unknown qr_payment_mode', (b) => (b.enabler_configuration.qr_payment_mode = ['PRINTED']), /qr_payment_mode\[0\] must be one of \["STATIC","DYNAMIC"\]/, 'MLA'],
    ['qr_payment_mode twice', (b) => (b.enabler_configuration.qr_payment_mode = ['STATIC', 'STATIC']), /qr_payment_mode/, 'MLA'],
    ['a Point setting on a QR intent', (b) => (b.enabler_configuration.ticket_number = 'T1'), /enabler_configuration\.ticket_number is not a supported property/, 'MLA'],
    ['a sponsor id that is no number', (b) => (b.sponsor.id = 'abc'), /sponsor\.id/, 'MLA'],
    ['an unknown property', (b) => (b.notification_url = 'https://x'), /notification_url is not a supported property/, 'MLA'],
  ];

  it.each(BAD)('400 bad_request: %s', async (_name, edit, message, site) => {
    const body = seedQrBody();
    edit(body);
    const before = await stored();
    const res = await createQrIntent(caja, site === 'MLA' ? mla : mlb, body);
    expectIntentError(res, 400, 'bad_request', message);
    expect(await stored()).toBe(before);
  });

  it('400 bad_request: malformed JSON and an x-integrator-id over 100 characters', async () => {
    const res = await caja.request({ method: 'POST', url: `${INTENTS}/qr/pos/${mla.posExternalId}`, headers: { ...mla.seller.auth, 'content-type': 'application/json' }, payload: '{"description": "x",' });
    expectIntentError(res, 400, 'bad_request');
    expectIntentError(await createQrIntent(caja, mla, seedQrBody(), { headers: { 'x-integrator-id': 'i'.repeat(101) } }), 400, 'bad_request', /x-integrator-id must be at most 100/);
  });

  it('401 Unauthorized: no token, a wrong token', async () => {
    expectIntentError(await caja.request({ method: 'POST', url: `${INTENTS}/qr/pos/${mla.posExternalId}`, payload: seedQrBody() }), 401, 'Unauthorized', 'Access Token is invalid');
    expectIntentError(await caja.request({ method: 'GET', url: `${INTENTS}/x/qr`, headers: { authorization: 'Bearer APP_USR-nope' } }), 401, 'Unauthorized');
  });

  it('404 pos_not_found: create on an unknown POS, or another seller’s; the DELETE variant naming an unknown POS', async () => {
    expectIntentError(await createQrIntent(caja, mla, seedQrBody(), { pos: 'NOPOS1' }), 404, 'pos_not_found', 'Point of sale with externalId NOPOS1 is not found');
    expectIntentError(await createQrIntent(caja, mla, seedQrBody(), { pos: mlb.posExternalId }), 404, 'pos_not_found');
    const intent = await openQrIntent(caja, mla);
    expectIntentError(await caja.request({ method: 'DELETE', url: `${INTENTS}/${intent.id}/qr/pos/NOPOS1`, headers: mla.seller.auth }), 404, 'pos_not_found', 'Point of sale with externalId NOPOS1 is not found');
    // A POS that exists but does not hold that intent: the intent is not found there.
    const second = await openShop(caja, 'MLA');
    expectIntentError(await caja.request({ method: 'DELETE', url: `${INTENTS}/${intent.id}/qr/pos/${mla.posExternalId}x`, headers: mla.seller.auth }), 404, 'pos_not_found');
    expectIntentError(await caja.request({ method: 'DELETE', url: `${INTENTS}/${intent.id}/qr/pos/${second.posExternalId}`, headers: second.seller.auth }), 404, 'not_found');
    expect((await caja.request({ method: 'DELETE', url: `${INTENTS}/${intent.id}/qr`, headers: mla.seller.auth })).statusCode).toBe(204);
  });

  it("404 not_found: GET (Register not found) and DELETE (The intent doesn't exist!) of an unknown id, another seller's intent", async () => {
    expectIntentError(await caja.request({ method: 'GET', url: `${INTENTS}/nope/qr`, headers: mla.seller.auth }), 404, 'not_found', 'Register not found');
    expectIntentError(await caja.request({ method: 'DELETE', url: `${INTENTS}/nope/qr`, headers: mla.seller.auth }), 404, 'not_found', "Not found The intent nope doesn't exist!");
    const intent = await openQrIntent(caja, mla);
    expectIntentError(await caja.request({ method: 'GET', url: `${INTENTS}/${intent.id}/qr`, headers: mlb.seller.auth }), 404, 'not_found');
    expectIntentError(await caja.request({ method: 'DELETE', url: `${INTENTS}/${intent.id}/qr`, headers: mlb.seller.auth }), 404, 'not_found');
    // A QR intent is not read as a Point one.
    expect((await caja.request({ method: 'GET', url: `${INTENTS}/${intent.id}/point`, headers: mla.seller.auth })).statusCode).toBe(404);
    await caja.request({ method: 'DELETE', url: `${INTENTS}/${intent.id}/qr`, headers: mla.seller.auth });
  });

  it('409 Conflict: DELETE of an intent that is no longer OPENED (canceled, closed)', async () => {
    const intent = await openQrIntent(caja, mla);
    expect((await caja.request({ method: 'DELETE', url: `${INTENTS}/${intent.id}/qr`, headers: mla.seller.auth })).statusCode).toBe(204);
    expectIntentError(await caja.request({ method: 'DELETE', url: `${INTENTS}/${intent.id}/qr`, headers: mla.seller.auth }), 409, 'Conflict', /is CANCELED: only an OPENED intent can be canceled/);
    const paid = await openQrIntent(caja, mla);
    expect((await walletPay(caja, paid.qr.data)).statusCode).toBe(201);
    expectIntentError(await caja.request({ method: 'DELETE', url: `${INTENTS}/${paid.id}/qr/pos/${mla.posExternalId}`, headers: mla.seller.auth }), 409, 'Conflict', /is CLOSED/);
  });

  it('any JSON spliced into any field: a 201 or a 4xx {errorKey} object, never a 500; a refusal stores nothing', async () => {
    const value = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 300 }), fc.double(), fc.integer({ min: -1e16, max: 1e16 }), fc.constant(Number.MAX_SAFE_INTEGER), fc.constant('\u0000'), fc.constant('99999999999999999.99'));
    const paths = [['description'], ['external_reference'], ['sponsor'], ['sponsor', 'id'], ['operations'], ['operations', 0, 'type'], ['operations', 0, 'amount'], ['operations', 0, 'items'], ['operations', 0, 'items', 0, 'unit_price'], ['operations', 0, 'items', 0, 'quantity'], ['operations', 0, 'items', 0, 'total_amount'], ['operations', 0, 'items', 0, 'external_categories'], ['enabler_configuration'], ['enabler_configuration', 'qr_payment_mode'], ['extra']];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), value, async (path, v) => {
        const body = seedQrBody();
        let at: any = body;
        for (const k of path.slice(0, -1)) at = at[k];
        at[path[path.length - 1]!] = v;
        const before = await stored();
        const res = await createQrIntent(caja, mla, body);
        expect(res.statusCode, res.body).toBeLessThan(500);
        if (res.statusCode === 201) {
          expect((await caja.request({ method: 'DELETE', url: `${INTENTS}/${res.json().id}/qr`, headers: mla.seller.auth })).statusCode).toBe(204);
          return;
        }
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ errorKey: 'bad_request', status: 400, message: expect.any(String) });
        expect(await stored()).toBe(before);
      }),
      { numRuns: 80 },
    );
  });
});
