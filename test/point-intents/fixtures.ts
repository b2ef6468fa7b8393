import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Harness } from '../support/harness.js';
import { until } from '../support/receiver.js';
import { pointShop } from '../point/fixtures.js';
import { as, type Shop, type TerminalView } from '../terminals/fixtures.js';

export { as, pointShop, type Shop, type TerminalView };

export interface IntentView {
  id: string;
  device_id: string;
  amount: number;
  description?: string;
  payment?: { id?: string; installments?: number; type?: string; installments_cost?: string };
  additional_info: { external_reference?: string; print_on_terminal?: boolean; ticket_number?: string };
  state: string;
}

export const intentBody = (over: Record<string, unknown> = {}) => ({
  amount: 1500,
  additional_info: { external_reference: 'ref-1', print_on_terminal: true, ticket_number: 'S0392JED' },
  ...over,
});

export const createIntent = (caja: Harness, shop: Shop, deviceId: string, body: unknown = intentBody()): Promise<LightMyRequestResponse> =>
  as(caja, shop.seller, { method: 'POST', url: `/point/integration-api/devices/${deviceId}/payment-intents`, payload: body as Record<string, unknown> });

export async function newIntent(caja: Harness, shop: Shop, deviceId: string, body: unknown = intentBody()): Promise<IntentView> {
  const res = await createIntent(caja, shop, deviceId, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as IntentView;
}

export const getIntent = (caja: Harness, shop: Shop, id: string) => as(caja, shop.seller, { method: 'GET', url: `/point/integration-api/payment-intents/${id}` });
export const stateOf = async (caja: Harness, shop: Shop, id: string): Promise<string> => (await getIntent(caja, shop, id)).json().state as string;
export const deleteIntent = (caja: Harness, shop: Shop, deviceId: string, id: string) => as(caja, shop.seller, { method: 'DELETE', url: `/point/integration-api/devices/${deviceId}/payment-intents/${id}` });

export async function reaches(caja: Harness, shop: Shop, id: string, state: string): Promise<void> {
  let last = '';
  await until(async () => (last = await stateOf(caja, shop, id)) === state, 5000, `intent ${id} to be ${state} (is ${last})`);
}

export const screenOf = async (caja: Harness, shop: Shop, terminalId: string) => (await as(caja, shop.seller, { method: 'GET', url: `/sandbox/terminals/${terminalId}` })).json().screen;

export const card = (caja: Harness, shop: Shop, terminalId: string, payload: Record<string, unknown> = {}) => as(caja, shop.seller, { method: 'POST', url: `/sandbox/terminals/${terminalId}/card`, payload });
export const device = (caja: Harness, shop: Shop, terminalId: string, action: 'cancel' | 'timeout') => as(caja, shop.seller, { method: 'POST', url: `/sandbox/terminals/${terminalId}/${action}` });

/** The legacy envelope's parts. */
export const legacy = (res: LightMyRequestResponse) => res.json() as { message: string; error: string; status: number; cause: Array<{ code: string; description: string; data: string | null }> };
