import { isoMs } from '../../../core/clock.js';

/** A numeric notification id, as Mercado Pago's bodies carry one. */
export function notificationId(): string {
  return String(Math.floor(1e11 + Math.random() * 9e11));
}

/**
 * The webhook body envelope (reference §7.1/§7.2). The Orders topic prints
 * application_id and user_id as strings; the classic topics print numbers.
 */
/** Whose notification it is: the seller's user id and application id. */
export interface WebhookOwner {
  userId: number;
  applicationId: number;
}

export function webhookEnvelope(owner: WebhookOwner, o: { action: string; type: string; data: Record<string, unknown>; at: number; liveMode: boolean; version?: number }) {
  const stringIds = o.type === 'order';
  return {
    action: o.action,
    api_version: 'v1',
    application_id: stringIds ? String(owner.applicationId) : owner.applicationId,
    data: o.data,
    date_created: isoMs(o.at),
    id: stringIds ? notificationId() : Number(notificationId()),
    live_mode: o.liveMode,
    type: o.type,
    user_id: stringIds ? String(owner.userId) : owner.userId,
    // The classic topics carry the resource's version at the top (reference §7.2); orders carry it in data.
    ...(o.version !== undefined ? { version: o.version } : {}),
  };
}
