import { hash, randomBytes } from 'node:crypto';
import { sellerNow, type Clock } from '../../core/clock.js';
import { uuid } from '../../core/ids.js';
import { err, ok, type Result } from '../../core/result.js';
import type { Store, Tx } from '../../store/db.js';
import { findDepayToken, insertDepayToken, spendDepayToken } from '../../store/repos/depay-tokens.js';
import { hashSecret } from '../sellers/credentials.js';
import type { Seller } from '../sellers/seller.js';

/** Reference §5.1: "Tokens expire after 3600 seconds". */
export const ACCESS_TTL_S = 3600;
/** Not documented by Depay (reference §5.1 [U]); caja's choice: a day, spent once. */
export const REFRESH_TTL_S = 86_400;

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

/** The seller's stable customer id, a UUID derived from the seller (the JWT's customer_uuid). */
function customerUuid(seller: Seller): string {
  const h = hash('sha256', `depay-customer:${seller.id}:${seller.public_key}`, 'hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * JWT-shaped (three base64url parts, with the claims the reference's example
 * shows: username, sub, role, uuid, customer_uuid, iat, exp), but the
 * signature is random: the database is the truth, not the signature.
 */
function jwtLike(seller: Seller, kind: 'access' | 'refresh', nowMs: number, ttlS: number): string {
  const iat = Math.floor(nowMs / 1000);
  const claims = { username: seller.nickname, sub: String(seller.id), role: 'customer', uuid: uuid(), customer_uuid: customerUuid(seller), type: kind, iat, exp: iat + ttlS };
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}.${randomBytes(32).toString('base64url')}`;
}

export async function issueTokens(tx: Tx, clock: Clock, seller: Seller): Promise<IssuedTokens> {
  const now = sellerNow(clock, seller);
  const accessToken = jwtLike(seller, 'access', now, ACCESS_TTL_S);
  const refreshToken = jwtLike(seller, 'refresh', now, REFRESH_TTL_S);
  const base = { seller_id: seller.id, used_at: null, created_at: now };
  await insertDepayToken(tx.ex, { ...base, token_hash: hashSecret(accessToken), kind: 'access', expires_at: now + ACCESS_TTL_S * 1000 });
  await insertDepayToken(tx.ex, { ...base, token_hash: hashSecret(refreshToken), kind: 'refresh', expires_at: now + REFRESH_TTL_S * 1000 });
  return { accessToken, refreshToken, expiresIn: ACCESS_TTL_S };
}

/** The seller behind a live access token; expiry is on that seller's clock. */
export async function sellerByDepayToken(store: Store, clock: Clock, token: string): Promise<Seller | undefined> {
  const found = await findDepayToken(store.db, hashSecret(token));
  if (!found || found.token.kind !== 'access') return undefined;
  return sellerNow(clock, found.seller) < found.token.expires_at ? found.seller : undefined;
}

/** A new pair for a live, unspent refresh token; the old refresh token is spent (rotation). */
export async function refreshTokens(tx: Tx, clock: Clock, refreshToken: string): Promise<Result<IssuedTokens, 'invalid'>> {
  const hash = hashSecret(refreshToken);
  const found = await findDepayToken(tx.ex, hash);
  if (!found || found.token.kind !== 'refresh' || found.token.used_at !== null) return err('invalid' as const);
  const now = sellerNow(clock, found.seller);
  if (now >= found.token.expires_at) return err('invalid' as const);
  if (!(await spendDepayToken(tx.ex, hash, now))) return err('invalid' as const);
  return ok(await issueTokens(tx, clock, found.seller));
}
