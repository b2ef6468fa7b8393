/**
 * A per-charge notification_url and the channel it asks for. The old webhooks
 * doc: `?source_news=webhooks` on the URL makes it receive webhooks instead of
 * IPN; `?source_news=ipn` asks for IPN only. Without it caja sends IPN, which
 * is what the in-person IPN doc describes for these flows (README fidelity).
 */
export type Channel = 'ipn' | 'webhooks';

/** The URL as caja sends to it: one written without a scheme (the seed's "www.yourserver.com") gets http://. */
export function notificationTarget(url: string): string {
  return /^https?:\/\//i.test(url) ? url : `http://${url}`;
}

export function channelOf(url: string): Channel {
  try {
    return new URL(notificationTarget(url)).searchParams.get('source_news') === 'webhooks' ? 'webhooks' : 'ipn';
  } catch {
    return 'ipn';
  }
}
