import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenOf } from '../../src/domain/qr/registry.js';
import { testbed } from '../support/harness.js';
import { v2Order } from '../support/legacy-qr.js';
import { refundPayment } from '../support/payments.js';
import { createOrder, openShop, walletPay, type Shop } from '../support/qr-orders.js';
import { createQr, depaySeller } from '../depay/fixtures.js';
import { guardOrigin, launch, recordErrors, shot } from './browser.js';

// The dashboard's views beyond the first story: every order family (legacy QR
// orders and merchant_orders beside the Orders API), payments with their
// refunds, the keyboard, a phone's width, nothing loaded from elsewhere, and a
// seller whose page and change stream carry nothing of another seller.
const caja = testbed();
let base: string;
let browser: Browser;
let a: Shop;
let b: Shop;
let ctxA: BrowserContext;
let pageA: Page;
const offenders: string[] = [];
const errors: string[] = [];
const requestsA: string[] = [];
let legacyId: string;
let moId: string;
let ordersId: string;
let paymentId: string;

/** What seller A's page hears on its change stream: EventSource wrapped before any page script runs (page code, as text: no DOM types here). */
const RECORD_STREAM = `(() => {
  const Native = window.EventSource;
  window.cajaStream = [];
  window.EventSource = class extends Native {
    constructor(url, init) {
      super(url, init);
      for (const type of ['ready', 'change', 'message']) this.addEventListener(type, (e) => window.cajaStream.push({ type, data: String(e.data) }));
    }
  };
})()`;
const heard = (page: Page) => page.evaluate<Array<{ type: string; data: string }>>('window.cajaStream');

async function context(viewport: { width: number; height: number }, mobile = false): Promise<BrowserContext> {
  const ctx = await browser.newContext({ viewport, isMobile: mobile, hasTouch: mobile });
  await guardOrigin(ctx, base, offenders);
  return ctx;
}

async function signIn(ctx: BrowserContext, s: Shop): Promise<Page> {
  const page = await ctx.newPage();
  page.setDefaultTimeout(10_000);
  recordErrors(page, errors);
  await page.goto(`${base}/`);
  await page.getByLabel('Access token or admin token').fill(s.seller.access_token);
  await page.keyboard.press('Enter');
  await page.locator('.live[data-state="live"]').waitFor();
  return page;
}

const dynamicLegacy = (s: Shop, ref: string) =>
  caja.request({ method: 'POST', url: `/instore/orders/qr/seller/collectors/${s.seller.user_id}/pos/${s.posExternalId}/qrs`, headers: s.seller.auth, payload: v2Order({ external_reference: ref }) });
const activeText = (page: Page) => page.evaluate<string | null>('document.activeElement?.textContent ?? null');
const activeId = (page: Page) => page.evaluate<string | null>('document.activeElement?.id ?? null');

beforeAll(async () => {
  browser = await launch();
  await caja.runtime.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(caja.runtime.app.server.address() as AddressInfo).port}`;
  [a, b] = [await openShop(caja, 'MLA'), await openShop(caja, 'MLA')];
  ctxA = await context({ width: 1100, height: 900 });
  await ctxA.addInitScript({ content: RECORD_STREAM });
});

// Runs before testbed's afterAll (afterAll hooks run in reverse): caja still closes last.
afterAll(async () => {
  await browser?.close();
});

describe('the dashboard views in Chromium', () => {
  it('signs in and moves around with the keyboard alone', async () => {
    pageA = await ctxA.newPage();
    pageA.setDefaultTimeout(10_000);
    recordErrors(pageA, errors);
    pageA.on('request', (r) => requestsA.push(r.url()));
    await pageA.goto(`${base}/`);
    await pageA.locator('#token').waitFor();
    // The token field has the focus: type, Enter.
    expect(await activeId(pageA)).toBe('token');
    await shot(pageA, 'signin', pageA.locator('main'));
    await pageA.keyboard.type(a.seller.access_token);
    await pageA.keyboard.press('Enter');
    await pageA.locator('.live[data-state="live"]').waitFor();
    // A reload keeps the tab signed in; the first Tab reaches "Skip to content", which moves the focus to the sections.
    await pageA.reload();
    await pageA.locator('.live[data-state="live"]').waitFor();
    await pageA.keyboard.press('Tab');
    expect(await activeText(pageA)).toBe('Skip to content');
    await pageA.keyboard.press('Enter');
    expect(await activeId(pageA)).toBe('main');
    await pageA.keyboard.press('Tab');
    expect(await pageA.evaluate<string | undefined>("document.activeElement?.closest('section')?.id")).toBe('clock');
    // The sections' links in the header are reachable too, and every focused control shows a focus ring.
    await pageA.locator('#nav-orders').focus();
    expect(await pageA.evaluate<string>("getComputedStyle(document.activeElement).outlineStyle")).not.toBe('none');
  });

  it("never shows seller A anything of seller B, and A's stream carries nothing when B's orders change", async () => {
    const ctxB = await context({ width: 1100, height: 900 });
    const pageB = await signIn(ctxB, b);
    // A is quiet (nothing of A happens meanwhile): its baseline change has come.
    await pageA.waitForTimeout(1200);
    const [streamBefore, requestsBefore] = [(await heard(pageA)).length, requestsA.length];
    expect((await heard(pageA)).some((e) => e.type === 'change')).toBe(true);

    const bOrder = (await createOrder(caja, b, { external_reference: 'b-secret-order' })).id;
    const bLegacy = await dynamicLegacy(b, 'b-secret-legacy');
    expect(bLegacy.statusCode, bLegacy.body).toBe(201);
    const bLegacyId = (bLegacy.json() as { in_store_order_id: string }).in_store_order_id;
    // B's own page hears them (so the feed ran) ...
    await pageB.locator(`#orders tr[data-id="${bOrder}"]`).waitFor();
    await pageB.locator(`#orders tr[data-id="${bLegacyId}"]`).waitFor();
    // ... and, several probe intervals later, A's stream said nothing and A's page asked nothing.
    await pageA.waitForTimeout(1500);
    const stream = await heard(pageA);
    expect(stream.slice(streamBefore)).toEqual([]);
    expect(stream.every((e) => e.data === '{}')).toBe(true);
    expect(requestsA.slice(requestsBefore)).toEqual([]);

    const text = (await pageA.locator('main').textContent()) ?? '';
    for (const secret of [bOrder, bLegacyId, 'b-secret-order', 'b-secret-legacy', b.posExternalId]) expect(text).not.toContain(secret);
    // A's page only ever asked for A's own things.
    expect(requestsA.filter((u) => u.includes(`/users/${b.seller.user_id}`))).toEqual([]);
    // And a refresh of A's page still shows none of it.
    await pageA.reload();
    await pageA.locator('#orders [data-family="mp"]').waitFor();
    await pageA.locator('.live[data-state="live"]').waitFor();
    const after = (await pageA.locator('main').textContent()) ?? '';
    for (const secret of [bOrder, bLegacyId, 'b-secret-order', 'b-secret-legacy']) expect(after).not.toContain(secret);
    await ctxB.close();
  });

  it('shows legacy QR orders and merchant_orders beside Orders API orders, live, each with its status history', async () => {
    ordersId = (await createOrder(caja, a, { external_reference: 'web-orders-1' })).id;
    const legacy = await dynamicLegacy(a, 'web-legacy-1');
    expect(legacy.statusCode, legacy.body).toBe(201);
    const placed = legacy.json() as { in_store_order_id: string; qr_data: string };
    legacyId = placed.in_store_order_id;
    const row = (family: string, id: string) => pageA.locator(`#orders [data-family="${family}"] tr[data-id="${id}"]`);
    await row('mp', ordersId).waitFor();
    await row('instore', legacyId).waitFor();
    expect(await row('instore', legacyId).locator('.badge').textContent()).toBe('open');
    expect(await row('instore', legacyId).textContent()).toContain('dynamic');
    // Paid through its code: the legacy order closes and its merchant_order appears, without a reload.
    const paid = await walletPay(caja, placed.qr_data);
    expect(paid.statusCode, paid.body).toBe(201);
    moId = String((paid.json() as { merchant_order_id: number }).merchant_order_id);
    await row('instore', legacyId).locator('.badge', { hasText: 'closed' }).waitFor();
    await row('merchant_orders', moId).waitFor();
    expect(await row('merchant_orders', moId).textContent()).toContain('web-legacy-1');

    // The legacy order's detail, opened and closed with the keyboard.
    const button = row('instore', legacyId).getByRole('button', { name: legacyId });
    await button.focus();
    await pageA.keyboard.press('Enter');
    const dialog = pageA.locator('#detail');
    await dialog.locator('.timeline li', { hasText: 'closed' }).waitFor();
    expect(await dialog.textContent()).toContain('Legacy QR orders');
    expect(await dialog.getByRole('link', { name: 'Open the wallet page of its QR' }).getAttribute('href')).toMatch(/^\/qr\//);
    await pageA.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await activeText(pageA)).toBe(legacyId);

    await row('merchant_orders', moId).getByRole('button', { name: moId }).click();
    await dialog.locator('.timeline li', { hasText: 'closed' }).waitFor();
    expect(await dialog.locator('pre.json').textContent()).toContain(`"preference_id": "${legacyId}"`);
    await pageA.keyboard.press('Escape');
    await shot(pageA, 'orders', pageA.locator('#orders'));
  });

  it('shows the payments ledger with its refunds, live', async () => {
    const order = (await caja.request({ method: 'GET', url: `/v1/orders/${ordersId}`, headers: a.seller.auth })).json() as { type_response: { qr_data: string } };
    const paid = await walletPay(caja, order.type_response.qr_data);
    expect(paid.statusCode, paid.body).toBe(201);
    paymentId = String((paid.json() as { id: string | number }).id);
    const row = pageA.locator(`#payments tr[data-id="${paymentId}"]`);
    await row.waitFor();
    expect(await row.locator('.badge').textContent()).toBe('approved');
    const refund = await refundPayment(caja, a.seller, paymentId, { amount: 20 });
    expect(refund.statusCode, refund.body).toBe(201);
    const refundId = String((refund.json() as { id: string | number }).id);
    const refundRow = pageA.locator(`#payments tr[data-refund="${refundId}"]`);
    await refundRow.waitFor();
    expect(await refundRow.textContent()).toContain(paymentId);
    expect(await refundRow.textContent()).toContain('20');
    expect((await row.locator('td').nth(3).textContent())?.trim()).toBe('20');
    // The refund is confirmed a few seconds later (CAJA_MP_REFUND_SECONDS): the page follows.
    await refundRow.locator('.badge', { hasText: 'approved' }).waitFor({ timeout: 20_000 });
    // The legacy order's payment is in the same ledger.
    expect(await pageA.locator('#payments tbody tr').count()).toBeGreaterThanOrEqual(3);
    await refundRow.getByRole('button', { name: paymentId }).click();
    await pageA.locator('#detail table', { hasText: refundId }).waitFor();
    await pageA.keyboard.press('Escape');
    await shot(pageA, 'payments', pageA.locator('#payments'));
  });

  it("is readable at a phone's width: nothing wider than the screen, tables scroll inside their box", async () => {
    const phone = await context({ width: 390, height: 844 }, true);
    const page = await signIn(phone, a);
    await page.locator(`#orders tr[data-id="${ordersId}"]`).waitFor();
    const layout = await page.evaluate<{ page: number; screen: number; font: number; loose: number; tables: number; buttons: number[] }>(`({
      page: document.documentElement.scrollWidth,
      screen: window.innerWidth,
      font: parseFloat(getComputedStyle(document.body).fontSize),
      // Every table sits in a box that scrolls sideways, so the page itself does not.
      loose: [...document.querySelectorAll('table')].filter((t) => getComputedStyle(t.parentElement).overflowX !== 'auto').length,
      tables: document.querySelectorAll('table').length,
      buttons: [...document.querySelectorAll('main button, main a.button')].map((el) => el.getBoundingClientRect().height),
    })`);
    expect(layout.page).toBeLessThanOrEqual(layout.screen);
    expect(layout.font).toBeGreaterThanOrEqual(14);
    expect(layout.tables).toBeGreaterThan(2);
    expect(layout.loose).toBe(0);
    expect(Math.min(...layout.buttons)).toBeGreaterThanOrEqual(24);
    await shot(page, 'phone');
    await phone.close();
  });

  it('shows a Depay order in its family, with the status history its detail carries', async () => {
    const d = await depaySeller(caja, { autoOutcome: false });
    const qr = await createQr(caja, d, { notification_url: 'http://127.0.0.1:9/depay-callback', external_reference: 'web-depay-1' });
    const page = await ctxA.newPage();
    page.setDefaultTimeout(10_000);
    recordErrors(page, errors);
    await page.goto(`${base}/`);
    await page.getByLabel('Access token or admin token').fill(d.access_token);
    await page.keyboard.press('Enter');
    const row = page.locator(`#orders [data-family="depay"] tr[data-id="${qr.order_id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('web-depay-1');
    await row.getByRole('button', { name: qr.order_id }).click();
    await page.locator('#detail .timeline li').first().waitFor();
    await page.close();
  });

  it("tells why a notification was skipped, and moves the seller's clock from its controls", async () => {
    // Seller A configured no webhook: the Orders order's notifications are recorded as skipped, with the reason.
    const skipped = pageA.locator('#deliveries tr[data-status="skipped"]').first();
    await skipped.waitFor();
    expect(((await skipped.locator('td').nth(5).textContent()) ?? '').length).toBeGreaterThan(5);
    await skipped.getByRole('button', { name: 'Details' }).click();
    await pageA.locator('#detail .warn', { hasText: 'Skipped:' }).waitFor();
    await pageA.keyboard.press('Escape');
    // The clock: +1 hour, with the keyboard.
    const offset = pageA.locator('#clock .offset');
    const before = await offset.textContent();
    await pageA.locator('#clock').getByRole('button', { name: '+1 hour' }).focus();
    await pageA.keyboard.press('Enter');
    await pageA.locator('#clock [role="status"]', { hasText: 'Advanced 3600 s' }).waitFor();
    await offset.filter({ hasText: /offset \+3[0-9]{3} s/ }).waitFor();
    expect(await offset.textContent()).not.toBe(before);
  });

  it("serves each POS's printable cards, and the wallet page declines", async () => {
    const pos = pageA.locator(`.pos[data-pos="${a.posId}"]`);
    for (const [name, type] of [['Printable card (PNG)', 'image/png'], ['Printable card (PDF)', 'application/pdf']] as const) {
      const href = await pos.getByRole('link', { name }).getAttribute('href');
      expect(href, name).toMatch(/^\//);
      const got = await pageA.evaluate<{ status: number; type: string | null }>(`fetch(${JSON.stringify(href)}).then((r) => ({ status: r.status, type: r.headers.get('content-type') }))`);
      expect(got, name).toMatchObject({ status: 200, type: expect.stringContaining(type) });
    }
    const o = await createOrder(caja, a, { external_reference: 'web-decline' });
    const wallet = await ctxA.newPage();
    await wallet.setViewportSize({ width: 390, height: 740 });
    recordErrors(wallet, errors);
    await wallet.goto(`${base}/qr/${tokenOf(o.type_response!.qr_data)}`);
    await wallet.getByRole('button', { name: 'Decline' }).click();
    await wallet.getByRole('heading', { name: 'Declined' }).waitFor();
    await wallet.close();
    // The declined attempt is in the ledger too.
    await pageA.locator('#payments tr', { hasText: 'web-decline' }).locator('.badge', { hasText: 'rejected' }).waitFor();
  });

  it("loaded nothing from outside caja's origin (the guard itself catches one), and logged no error", async () => {
    // The guard works: a navigation elsewhere is stopped and recorded.
    const probe = await ctxA.newPage();
    await expect(probe.goto('http://192.0.2.1/')).rejects.toThrow();
    await probe.close();
    expect(offenders).toEqual(['http://192.0.2.1/']);
    expect(requestsA.length).toBeGreaterThan(10);
    expect(requestsA.filter((u) => !u.startsWith(`${base}/`))).toEqual([]);
    // Chromium logs every non-2xx fetch ("Failed to load resource"); a CSP violation would show here.
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  });
});
