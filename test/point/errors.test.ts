import { beforeAll, describe, expect, it } from 'vitest';
import { testbed, type Harness } from '../support/harness.js';
import { createTerminal, setup } from '../terminals/fixtures.js';
import { as, card, createPoint, device, errorCodes, key, pointBody, pointShop, type Shop, type TerminalView } from './fixtures.js';

describe('Point orders: errors and security', () => {
  const caja = testbed();
  let shop: Shop;
  let terminal: TerminalView;
  let other: Shop;
  beforeAll(async () => {
    ({ shop, terminal } = await pointShop(caja, 'MLA', 600_000));
    other = (await pointShop(caja, 'MLA', 0)).shop;
  });

  it("another seller's terminal, an unknown one, or one in STANDALONE → 403 forbidden_checking_terminal_owner", async () => {
    expect(errorCodes(await createPoint(caja, other, terminal.id))).toEqual(['forbidden_checking_terminal_owner']);
    expect((await createPoint(caja, other, terminal.id)).statusCode).toBe(403);
    expect(errorCodes(await createPoint(caja, shop, 'NEWLAND_N950__SBX9999999'))).toEqual(['forbidden_checking_terminal_owner']);
    const standalone = await createTerminal(caja, shop, 'PAX_A910');
    expect(errorCodes(await createPoint(caja, shop, standalone.id))).toEqual(['forbidden_checking_terminal_owner']);
    expect((await setup(caja, shop.seller, standalone.id, 'STANDALONE')).statusCode).toBe(200);
  });

  it('bad input → 400 naming the field; nothing is queued', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ expiration_time: 'PT29S' }, 'property_value'],
      [{ expiration_time: 'PT3H1S' }, 'property_value'],
      [{ transactions: { payments: [{ amount: '0' }] } }, 'property_value'],
      [{ transactions: { payments: [{ amount: '1' }, { amount: '2' }] } }, 'maximum_items'],
      [{ total_amount: '50.00' }, 'unsupported_properties'],
      [{ config: { point: { terminal_id: terminal.id, print_on_terminal: 'always' } } }, 'property_value'],
      [{ config: { payment_method: { default_type: 'credit_card' } } }, 'required_properties'],
    ];
    for (const [over, code] of cases) {
      const res = await createPoint(caja, shop, terminal.id, over);
      expect(res.statusCode, JSON.stringify(over) + res.body).toBe(400);
      expect(errorCodes(res), JSON.stringify(over)).toContain(code);
    }
    expect((await createPoint(caja, shop, terminal.id, { expiration_time: 'PT3H' })).statusCode).toBe(201);
  });

  it('a site without Point → 400 unsupported_site', async () => {
    const uy = await pointShopless(caja);
    const res = await as(caja, uy.seller, { method: 'POST', url: '/v1/orders', headers: { 'x-idempotency-key': key() }, payload: pointBody('NEWLAND_N950__SBX0000001') });
    expect(errorCodes(res)).toEqual(['unsupported_site']);
  });

  it("the device actions: another seller cannot touch a terminal; an idle terminal has nothing to pay", async () => {
    expect((await card(caja, other, terminal.id)).statusCode).toBe(404);
    expect((await device(caja, other, terminal.id, 'cancel')).statusCode).toBe(404);
    const idle = (await pointShop(caja, 'MLA', 0));
    expect((await card(caja, idle.shop, idle.terminal.id)).statusCode).toBe(409);
    expect((await card(caja, idle.shop, idle.terminal.id, { number: '1234' })).statusCode).toBe(409);
    // Created but not taken yet: the terminal is not waiting for a card.
    const res = await card(caja, shop, terminal.id, { brand: 'visa' });
    expect(res.statusCode).toBe(409);
    expect(res.json().cause[0].code).toBe('not_waiting_card');
  });

  it('no token → 401', async () => {
    const res = await caja.request({ method: 'POST', url: '/v1/orders', headers: { 'x-idempotency-key': key() }, payload: pointBody(terminal.id) });
    expect(res.statusCode).toBe(401);
  });
});

async function pointShopless(caja: Harness) {
  const { openShop } = await import('../support/qr-orders.js');
  return openShop(caja, 'MLU');
}
