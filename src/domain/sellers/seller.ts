import type { Clock } from '../../core/clock.js';
import type { Executor, Store, Tx } from '../../store/db.js';
import {
  findSellerByAccessTokenIn,
  findSellerByCredential,
  getSeller,
  insertCredential,
  insertSeller,
  setWebhookSecret,
  type SellerRow,
} from '../../store/repos/sellers.js';
import { nextId } from '../../store/repos/sequences.js';
import { hashSecret, newAccessToken, newDepayApiKey, newPublicKey, newWebhookSecret } from './credentials.js';
import { SITES, type Site, type SiteId } from './sites.js';

export type Seller = SellerRow;

export interface CreatedSeller {
  seller: Seller;
  site: Site;
  /** Shown once; only its hash is stored. */
  accessToken: string;
  depayApiKey: string;
}

export async function createSeller(tx: Tx, clock: Clock, input: { siteId: SiteId; name?: string | undefined }): Promise<CreatedSeller> {
  const site = SITES[input.siteId];
  const id = await nextId(tx.ex, 'user');
  const applicationId = await nextId(tx.ex, 'application');
  const now = clock.realNow();
  const seller: Seller = {
    id,
    site_id: site.id,
    name: input.name?.trim() || `Test seller ${id}`,
    nickname: `TESTUSER${id}`,
    email: `test_user_${id}@testuser.com`,
    application_id: applicationId,
    public_key: newPublicKey(),
    webhook_secret: newWebhookSecret(),
    clock_offset_ms: 0,
    created_at: now,
  };
  await insertSeller(tx.ex, seller);
  const accessToken = newAccessToken(applicationId, id, now);
  const depayApiKey = newDepayApiKey();
  await insertCredential(tx.ex, { token_hash: hashSecret(accessToken), seller_id: id, kind: 'access_token', created_at: now });
  await insertCredential(tx.ex, { token_hash: hashSecret(depayApiKey), seller_id: id, kind: 'depay_api_key', created_at: now });
  return { seller, site, accessToken, depayApiKey };
}

/**
 * Another access token for an existing seller (only its hash is kept, so a lost
 * token cannot be shown again). Earlier tokens stay valid, as a Mercado Pago
 * test user's credentials do; undefined when there is no such seller.
 */
export async function issueAccessToken(tx: Tx, clock: Clock, sellerId: number): Promise<{ seller: Seller; accessToken: string } | undefined> {
  const seller = await getSeller(tx.ex, sellerId);
  if (!seller) return undefined;
  const now = clock.realNow();
  const accessToken = newAccessToken(seller.application_id, seller.id, now);
  await insertCredential(tx.ex, { token_hash: hashSecret(accessToken), seller_id: seller.id, kind: 'access_token', created_at: now });
  return { seller, accessToken };
}

export async function sellerByAccessToken(store: Store, token: string): Promise<Seller | undefined> {
  return findSellerByCredential(store.db, hashSecret(token), 'access_token');
}

/** `sellerByAccessToken` by the token's hash, on any executor (a route's transaction). */
export async function sellerByAccessTokenHash(ex: Executor, tokenHash: string): Promise<Seller | undefined> {
  return findSellerByCredential(ex, tokenHash, 'access_token');
}

/** `sellerByAccessTokenHash` in a command's transaction, as its first statement (on PostgreSQL a token seen before is checked, not read: verified-reads.ts). */
export async function sellerByAccessTokenHashIn(tx: Tx, tokenHash: string): Promise<Seller | undefined> {
  return findSellerByAccessTokenIn(tx.ex, tx.reads, tokenHash);
}

export async function sellerByDepayApiKey(store: Store, key: string): Promise<Seller | undefined> {
  return findSellerByCredential(store.db, hashSecret(key), 'depay_api_key');
}


export async function rotateWebhookSecret(store: Store, sellerId: number): Promise<string> {
  const secret = newWebhookSecret();
  await setWebhookSecret(store.db, sellerId, secret);
  return secret;
}

