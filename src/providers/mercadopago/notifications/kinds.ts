import type { WebhookConfig } from '../../../config/config.js';
import type { DeliveryKind } from '../../../notify/types.js';
import { xSignature } from './signature.js';

export const MP_WEBHOOK = 'mp_webhook';
export const MP_IPN = 'mp_ipn';

function withQuery(base: string, params: Record<string, string>): string {
  const url = new URL(base);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

/**
 * Webhooks ("Your integrations" > Webhooks): POST <url>?data.id=<id>&type=<topic>,
 * signed. The signed id's casing and the ts unit are per-seller options
 * because the docs and the SDKs disagree; the defaults (original casing,
 * seconds) are what the official SDK validators accept.
 */
export function mpWebhookKind(cfg: WebhookConfig): DeliveryKind {
  return {
    name: MP_WEBHOOK,
    retrySchedule: cfg.retrySchedule,
    prepare(d, c) {
      const lower = c.webhookConfig?.data_id_casing === 'lowercase';
      const ts = c.webhookConfig?.ts_unit === 'milliseconds' ? String(c.now) : String(Math.floor(c.now / 1000));
      const signedId = lower ? d.resource_id.toLowerCase() : d.resource_id;
      return {
        url: withQuery(d.url!, { 'data.id': d.resource_id, type: d.topic }),
        headers: {
          'content-type': 'application/json',
          'x-request-id': d.request_id,
          'x-signature': xSignature(c.seller.webhook_secret, signedId, d.request_id, ts),
          // Mercado Pago counts previous attempts here and states its own timeout.
          'x-retry': String(d.attempt_count),
          'x-socket-timeout': String(cfg.timeoutMs),
        },
        body: d.body,
      };
    },
  };
}

/** Legacy IPN to a per-order notification_url: POST <url>?topic=<topic>&id=<id>, unsigned. */
export function mpIpnKind(cfg: WebhookConfig): DeliveryKind {
  return {
    name: MP_IPN,
    retrySchedule: cfg.ipnRetrySchedule,
    prepare(d) {
      return {
        url: withQuery(d.url!, { topic: d.topic, id: d.resource_id }),
        headers: { 'content-type': 'application/json' },
        body: d.body,
      };
    },
  };
}
