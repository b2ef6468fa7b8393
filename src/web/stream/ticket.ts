import { createHmac, hash, timingSafeEqual } from 'node:crypto';

/** EventSource cannot send headers: the page trades its token for this, valid this long. */
export const TICKET_TTL_MS = 60_000;

const keyOf = (secret: string) => hash('sha256', `caja-stream-ticket\0${secret}`, 'buffer');
const mac = (key: Buffer, body: string) => createHmac('sha256', key).update(body).digest('base64url');

/**
 * A short-lived, stateless ticket `<seller>.<expiry>.<mac>` for the change
 * stream, keyed by the admin token, so every caja process on one database
 * accepts the tickets of the others. It is not the access token: it may show up
 * in an access log, and all it grants is a minute of "something changed".
 */
export function issueTicket(secret: string, sellerId: number, now: number): { ticket: string; expiresAt: number } {
  const expiresAt = now + TICKET_TTL_MS;
  const body = `${sellerId}.${expiresAt}`;
  return { ticket: `${body}.${mac(keyOf(secret), body)}`, expiresAt };
}

/** The seller id of a valid, unexpired ticket. */
export function checkTicket(secret: string, ticket: string, now: number): number | undefined {
  const m = /^([0-9]{1,15})\.([0-9]{1,15})\.([A-Za-z0-9_-]{43})$/.exec(ticket);
  if (!m) return undefined;
  const [, seller, expiry, given] = m as unknown as [string, string, string, string];
  const want = Buffer.from(mac(keyOf(secret), `${seller}.${expiry}`));
  if (!timingSafeEqual(want, Buffer.from(given)) || Number(expiry) < now) return undefined;
  return Number(seller);
}
