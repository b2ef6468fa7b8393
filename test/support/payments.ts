import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Harness, TestSeller } from './harness.js';
import { createOrder, walletPay, type OrderView, type Shop } from './qr-orders.js';

export type PaymentJson = Record<string, any>;

export function getPayment(caja: Harness, seller: TestSeller, id: string | number): Promise<LightMyRequestResponse> {
  return caja.request({ method: 'GET', url: `/v1/payments/${id}`, headers: seller.auth });
}

/** POST /v1/payments/{id}/refunds; `body` undefined sends none (a total refund). */
export function refundPayment(caja: Harness, seller: TestSeller, id: string | number, body?: unknown, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
  return caja.request({ method: 'POST', url: `/v1/payments/${id}/refunds`, headers: { ...seller.auth, ...headers }, ...(body === undefined ? {} : { payload: body as object }) });
}

export function searchPayments(caja: Harness, seller: TestSeller, query: Record<string, string | number> = {}): Promise<LightMyRequestResponse> {
  const q = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]));
  return caja.request({ method: 'GET', url: `/v1/payments/search?${q}`, headers: seller.auth });
}

/** A dynamic order paid through the wallet: the order (processed) and its payment id. */
export async function paidOrder(caja: Harness, shop: Shop, overrides: Record<string, unknown> = {}, payer: Record<string, unknown> = {}): Promise<{ order: OrderView; paymentId: string }> {
  const order = await createOrder(caja, shop, overrides, 'dynamic');
  const paid = await walletPay(caja, order.type_response!.qr_data, payer);
  expect(paid.statusCode, paid.body).toBe(201);
  return { order, paymentId: paid.json().id as string };
}

/** Asserts the legacy envelope with a numeric cause code. */
export function expectPaymentError(res: LightMyRequestResponse, status: number, code: number) {
  expect(res.statusCode, res.body).toBe(status);
  const body = res.json() as { message: string; error: string; status: number; cause: Array<{ code: number; description: string }> };
  expect(body).toMatchObject({ message: expect.any(String), error: expect.any(String), status });
  expect(body.cause.map((c) => c.code), res.body).toContain(code);
}
