import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenOf } from '../../src/domain/qr/registry.js';
import { ADMIN_TOKEN, testbed } from '../support/harness.js';
import { order, shop, type Shop } from '../support/orders-fixtures.js';
import { configureWebhooks } from '../support/notify.js';
import { Receiver } from '../support/receiver.js';
import { guardOrigin, launch, recordErrors, recordRequests, shot } from './browser.js';

// One caja, one browser, one story: sign in, an order appears live, the payer
// pays it on the wallet page, the webhook shows in the log, a replay, and a
// second seller who sees none of it. Steps share state, so they run in order.
const caja = testbed();
let base: string;
let browser: Browser;
let rx: Receiver;
let a: Shop;
let b: Shop;
let seller: BrowserContext;
let orderId: string;
let walletPath: string;
const requests: string[] = [];
const errors: string[] = [];
const offenders: string[] = [];

beforeAll(async () => {
  [rx, browser] = await Promise.all([Receiver.start(), launch()]);
  await caja.runtime.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(caja.runtime.app.server.address() as AddressInfo).port}`;
  a = await shop(caja, 'MLA');
  b = await shop(caja, 'MLA');
  await configureWebhooks(caja, a.seller, { url: rx.url, topics: ['order'] });
  seller = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  await guardOrigin(seller, base, offenders);
});

// Runs before testbed's afterAll (afterAll hooks run in reverse): caja still closes last.
afterAll(async () => {
  await browser?.close();
  await rx?.close();
});

async function signedIn(ctx: BrowserContext, token: string) {
  const page = await ctx.newPage();
  recordRequests(page, requests);
  recordErrors(page, errors);
  await page.goto(`${base}/`);
  await page.getByLabel('Access token or admin token').fill(token);
  await page.keyboard.press('Enter');
  return { page };
}

describe('the dashboard in Chromium', () => {
  it('signs a seller in and shows its stores and POS with their QR', async () => {
    const { page } = await signedIn(seller, a.seller.access_token);
    await page.locator(`.pos[data-pos="${a.pos.id}"] img`).waitFor();
    expect(await page.locator(`.pos[data-pos="${a.pos.id}"] img`).evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    await page.locator('.live[data-state="live"]').waitFor();
  });

  it('shows an order created through the API as it happens (server-sent events)', async () => {
    const page = seller.pages()[0]!;
    const res = await order(caja, a.seller, a.body({ config: { qr: { external_pos_id: a.pos.external_id, mode: 'dynamic' } }, description: 'Two coffees', items: [{ title: 'Coffee', unit_price: '25.00', quantity: 2 }] }));
    expect(res.statusCode, res.body).toBe(201);
    const o = res.json() as { id: string; type_response: { qr_data: string } };
    orderId = o.id;
    walletPath = `/qr/${tokenOf(o.type_response.qr_data)}`;
    const row = page.locator(`#orders tr[data-id="${orderId}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.locator('.badge').textContent()).toBe('created');
    await shot(page, 'dashboard');
  });

  it('opens the QR URL as the wallet page and pays it', async () => {
    // A phone's width; a new tab of the same browser context (a new context costs seconds on a busy machine).
    const page = await seller.newPage();
    await page.setViewportSize({ width: 390, height: 740 });
    recordRequests(page, requests);
    recordErrors(page, errors);
    await page.goto(`${base}${walletPath}`);
    await page.locator('#merchant').waitFor();
    expect(await page.locator('.amount').getAttribute('data-amount')).toBe('50.00');
    expect(await page.locator('.items').textContent()).toContain('2 × Coffee');
    await shot(page, 'wallet');
    // Keyboard: the Pay button has the focus.
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Paid' }).waitFor();
    await shot(page, 'wallet-paid');
    await page.close();
  });

  it('sees the order processed and its webhook delivered, with every attempt, then replays it', async () => {
    const page = seller.pages()[0]!;
    await page.locator(`#orders tr[data-id="${orderId}"] .badge`, { hasText: 'processed' }).waitFor({ timeout: 10_000 });
    const delivered = page.locator(`#deliveries tr[data-status="delivered"]`, { hasText: orderId });
    await delivered.first().waitFor({ timeout: 15_000 });
    await delivered.first().getByRole('button', { name: 'Details' }).click();
    await page.locator('#detail .attempt').first().waitFor();
    expect(await page.locator('#detail').textContent()).toContain(`POST ${rx.url}`);
    await shot(page, 'delivery');
    const before = rx.received.length;
    await page.locator('#detail').getByRole('button', { name: 'Replay' }).click();
    await page.locator('#detail [role="status"]', { hasText: 'Replay queued' }).waitFor();
    await page.keyboard.press('Escape');
    await page.locator('#deliveries tr[data-status="delivered"]', { hasText: orderId }).nth(1).waitFor({ timeout: 15_000 });
    expect(rx.received.length).toBeGreaterThan(before);
  });

  it('shows another seller none of it', async () => {
    // sessionStorage is per tab: a new tab starts signed out.
    const { page } = await signedIn(seller, b.seller.access_token);
    await page.locator(`.pos[data-pos="${b.pos.id}"]`).waitFor();
    await page.locator('#deliveries .body').waitFor();
    await page.locator('.live[data-state="live"]').waitFor();
    const text = await page.locator('main').textContent();
    expect(text).not.toContain(orderId);
    expect(text).not.toContain(a.pos.external_id);
    expect(await page.locator(`.pos[data-pos="${a.pos.id}"]`).count()).toBe(0);
    await page.close();
  });

  it('signs the admin in: create a seller, its credentials shown once', async () => {
    const { page } = await signedIn(seller, ADMIN_TOKEN);
    await page.setViewportSize({ width: 1100, height: 700 });
    await page.getByLabel('Name').fill('Kiosco Browser');
    await page.getByRole('button', { name: 'Create seller' }).click();
    await page.locator('.credentials').waitFor();
    expect(await page.locator('.credentials').textContent()).toContain('access_token');
    await shot(page, 'admin');
    // Another token for an existing seller, from the sellers list.
    await page.locator(`#sellers tr[data-id="${a.seller.user_id}"]`).getByRole('button', { name: 'Issue a token' }).click();
    await page.locator('.credentials', { hasText: String(a.seller.user_id) }).waitFor();
    const issued = (await page.locator('.credentials dd code').nth(1).textContent())!;
    expect(issued).toMatch(/^APP_USR-/);
    expect(issued).not.toBe(a.seller.access_token);
    // The new token opens that seller's view.
    await page.getByRole('button', { name: 'Open this seller' }).click();
    await page.locator(`.pos[data-pos="${a.pos.id}"]`).waitFor();
    await page.close();
  });

  it('loaded nothing from outside caja and logged no error', () => {
    expect(requests.length).toBeGreaterThan(5);
    expect(requests.filter((u) => !u.startsWith(`${base}/`) && !u.startsWith('data:'))).toEqual([]);
    expect(offenders).toEqual([]);
    // Chromium logs every non-2xx fetch ("Failed to load resource"): the absent families' 404s are expected.
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  });
});
