import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Harness } from './harness.js';
import type { Shop } from './qr-orders.js';

export const INTENTS = '/instore-api/integrations/v1/intents';

/** Seed 000's create body, made valid JSON (the trailing comma after sponsor.id removed). */
export function seedQrBody(): Record<string, any> {
  return JSON.parse(`{
        "description": "description",
        "external_reference": "external_reference",
        "sponsor": {
         "id": "1234567"
        },
        "operations": [
            {
                "type": "PURCHASE",
                "amount": "14.53",
                "items": [
                    {
                        "sku_number": "sku_number",
                        "external_categories": [
                            {
                                "id": "category_id"
                            }
                        ],
                        "title": "title",
                        "unit_price": "14.53",
                        "quantity": 1,
                        "unit_measure": "UNIT",
                        "total_amount": "14.53"
                    }
                ]
            }
        ],
        "enabler_configuration": {
            "qr_payment_mode": [
                "STATIC",
                "DYNAMIC"
            ]
        }
}`) as Record<string, any>;
}

export function createQrIntent(caja: Harness, shop: Shop, body: unknown, opts: { pos?: string; headers?: Record<string, string> } = {}): Promise<LightMyRequestResponse> {
  return caja.request({ method: 'POST', url: `${INTENTS}/qr/pos/${opts.pos ?? shop.posExternalId}`, headers: { ...shop.seller.auth, ...opts.headers }, payload: body as object });
}

export async function openQrIntent(caja: Harness, shop: Shop, body: unknown = seedQrBody()): Promise<Record<string, any>> {
  const res = await createQrIntent(caja, shop, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Record<string, any>;
}

export async function getQrIntent(caja: Harness, shop: Shop, id: string): Promise<Record<string, any>> {
  const res = await caja.request({ method: 'GET', url: `${INTENTS}/${id}/qr`, headers: shop.seller.auth });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Record<string, any>;
}

/** Asserts the Instore API's error object: {errorKey, message, status}. */
export function expectIntentError(res: LightMyRequestResponse, status: number, errorKey: string, message?: RegExp | string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json() as { errorKey: string; message: string; status: number };
  expect(Object.keys(body).sort()).toEqual(['errorKey', 'message', 'status']);
  expect(body.errorKey, res.body).toBe(errorKey);
  expect(body.status).toBe(status);
  if (message !== undefined) expect(body.message).toMatch(message);
}

/** Seed 001's Point intent (its GET and webhook examples' fields). */
export function seedPointBody(): Record<string, any> {
  return {
    description: 'description',
    external_reference: 'external_reference',
    operations: [{ type: 'PURCHASE', amount: '10.14' }],
    enabler_configuration: { ticket_number: 'Ticket001', device_payment_mode: 'CARD', print_on_terminal: ['SELLER_TICKET'] },
  };
}

export function createPointIntent(caja: Harness, shop: Shop, body: unknown, where: { pos?: string; device?: string }): Promise<LightMyRequestResponse> {
  const url = where.device !== undefined ? `${INTENTS}/point/${where.device}` : `${INTENTS}/point/pos/${where.pos ?? shop.posExternalId}`;
  return caja.request({ method: 'POST', url, headers: shop.seller.auth, payload: body as object });
}

export async function getPointIntent(caja: Harness, shop: Shop, id: string): Promise<Record<string, any>> {
  const res = await caja.request({ method: 'GET', url: `${INTENTS}/${id}/point`, headers: shop.seller.auth });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Record<string, any>;
}

export const deletePointIntent = (caja: Harness, shop: Shop, id: string) => caja.request({ method: 'DELETE', url: `${INTENTS}/${id}/point`, headers: shop.seller.auth });
