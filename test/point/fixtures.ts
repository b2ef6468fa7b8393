import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Harness } from '../support/harness.js';
import { until } from '../support/receiver.js';
import { as, createTerminal, openShop, setup, type Shop, type TerminalView } from '../terminals/fixtures.js';

export { as, openShop, type Shop, type TerminalView };

let keys = 0;
export const key = () => `pt-${process.pid}-${++keys}`;

/** A shop with a terminal in PDV mode; take_delay_ms as asked (default 0: it takes orders at once). */
export async function pointShop(caja: Harness, site = 'MLA', takeDelayMs = 0): Promise<{ shop: Shop; terminal: TerminalView }> {
  const shop = await openShop(caja, site);
  const terminal = await createTerminal(caja, shop);
  expect((await setup(caja, shop.seller, terminal.id, 'PDV')).statusCode).toBe(200);
  const patch = await as(caja, shop.seller, { method: 'PATCH', url: `/sandbox/terminals/${terminal.id}`, payload: { take_delay_ms: takeDelayMs } });
  expect(patch.statusCode, patch.body).toBe(200);
  return { shop, terminal };
}

export function pointBody(terminalId: string, over: Record<string, unknown> = {}) {
  return {
    type: 'point',
    external_reference: `ext_${++keys}`,
    description: 'Smartphone',
    transactions: { payments: [{ amount: '50.00' }] },
    config: { point: { terminal_id: terminalId, print_on_terminal: 'no_ticket', ticket_number: 'S0392JED' }, payment_method: { default_type: 'credit_card', default_installments: '6', installments_cost: 'seller' } },
    ...over,
  };
}

export async function createPoint(caja: Harness, shop: Shop, terminalId: string, over: Record<string, unknown> = {}): Promise<LightMyRequestResponse> {
  return as(caja, shop.seller, { method: 'POST', url: '/v1/orders', headers: { 'x-idempotency-key': key() }, payload: pointBody(terminalId, over) });
}

export async function getOrder(caja: Harness, shop: Shop, id: string) {
  return (await as(caja, shop.seller, { method: 'GET', url: `/v1/orders/${id}` })).json();
}

export async function atTerminal(caja: Harness, shop: Shop, id: string) {
  await until(async () => (await getOrder(caja, shop, id)).status === 'at_terminal', 5000, 'at_terminal');
}

export const card = (caja: Harness, shop: Shop, terminalId: string, payload: Record<string, unknown> = {}) =>
  as(caja, shop.seller, { method: 'POST', url: `/sandbox/terminals/${terminalId}/card`, payload });

export const device = (caja: Harness, shop: Shop, terminalId: string, action: 'cancel' | 'timeout') => as(caja, shop.seller, { method: 'POST', url: `/sandbox/terminals/${terminalId}/${action}` });

export const cancel = (caja: Harness, shop: Shop, id: string, headers: Record<string, string> = {}) =>
  as(caja, shop.seller, { method: 'POST', url: `/v1/orders/${id}/cancel`, headers: { 'x-idempotency-key': key(), ...headers } });

export const simulate = (caja: Harness, shop: Shop, id: string, payload: Record<string, unknown>) => as(caja, shop.seller, { method: 'POST', url: `/v1/orders/${id}/events`, payload });

export const errorCodes = (res: LightMyRequestResponse) => (res.json() as { errors: Array<{ code: string }> }).errors.map((e) => e.code);
