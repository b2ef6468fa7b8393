import { createHmac } from 'node:crypto';

/**
 * Mercado Pago's webhook signature: v1 = hex(HMAC-SHA256(secret, manifest)),
 * manifest "id:<data.id>;request-id:<x-request-id>;ts:<ts>;" with any missing
 * part left out (reference §7.3; the official SDKs' validators do the same).
 */
export function signatureManifest(dataId: string | undefined, requestId: string | undefined, ts: string): string {
  return `${dataId ? `id:${dataId};` : ''}${requestId ? `request-id:${requestId};` : ''}ts:${ts};`;
}

export function xSignature(secret: string, dataId: string, requestId: string, ts: string): string {
  const v1 = createHmac('sha256', secret).update(signatureManifest(dataId, requestId, ts)).digest('hex');
  return `ts=${ts},v1=${v1}`;
}
