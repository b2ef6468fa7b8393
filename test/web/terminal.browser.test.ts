import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testbed } from '../support/harness.js';
import { until } from '../support/receiver.js';
import { as, createPoint, getOrder, pointShop, type Shop, type TerminalView } from '../point/fixtures.js';
import { guardOrigin, launch, recordErrors, recordRequests, shot } from './browser.js';

// The terminal page (/terminal/{id}) takes a card payment: a Point order made
// through the API shows on the screen, the person picks a cardholder outcome
// and presents the card, the screen shows the outcome and the ticket, and the
// API answers the order processed (or failed). Steps share one page.
const caja = testbed();
let base: string;
let browser: Browser;
let shop: Shop;
let terminal: TerminalView;
let page: Page;
const requests: string[] = [];
const errors: string[] = [];
const offenders: string[] = [];

beforeAll(async () => {
  browser = await launch();
  await caja.runtime.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(caja.runtime.app.server.address() as AddressInfo).port}`;
  ({ shop, terminal } = await pointShop(caja, 'MLA', 0));
  const phone = await browser.newContext({ viewport: { width: 390, height: 800 }, isMobile: true, hasTouch: true });
  await guardOrigin(phone, base, offenders);
  page = await phone.newPage();
  page.setDefaultTimeout(10_000);
  recordRequests(page, requests);
  recordErrors(page, errors);
});

// Runs before testbed's afterAll (afterAll hooks run in reverse): caja still closes last.
afterAll(async () => {
  await browser?.close();
});

/** A Point order for the terminal, printing its ticket. */
async function pointOrder(ticket: string, amount: string): Promise<string> {
  const res = await createPoint(caja, shop, terminal.id, {
    transactions: { payments: [{ amount }] },
    config: { point: { terminal_id: terminal.id, ticket_number: ticket }, payment_method: { default_type: 'credit_card' } },
  });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { id: string }).id;
}

const title = () => page.locator('.screen-title');

describe('the terminal page in Chromium', () => {
  it("opens from the dashboard's terminals list, idle", async () => {
    await page.goto(`${base}/`);
    await page.getByLabel('Access token or admin token').fill(shop.seller.access_token);
    await page.keyboard.press('Enter');
    const link = page.locator(`#terminals tr[data-id="${terminal.id}"]`).getByRole('link', { name: 'Open the terminal' });
    await link.waitFor();
    // Keyboard: focus the link and follow it.
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/terminal/${terminal.id}`);
    await title().filter({ hasText: 'Ready' }).waitFor();
    expect(await page.locator('.screen').textContent()).toContain(terminal.id);
  });

  it('shows an order created through the API, takes an approved card, shows the ticket; the API answers it processed', async () => {
    const id = await pointOrder('T-WEB-1', '1234.50');
    // The order reaches the screen through the change stream (no reload).
    await title().filter({ hasText: 'Insert, tap or swipe the card' }).waitFor({ timeout: 10_000 });
    expect(await page.locator('.screen .amount').textContent()).toBe('1234.50 ARS');
    await shot(page, 'terminal-order');
    await page.locator('#cardholder').selectOption('APRO');
    await page.getByRole('button', { name: 'Insert / tap card' }).click();
    await page.locator('.screen [data-outcome="approved"]').waitFor();
    expect(await title().textContent()).toBe('Approved');
    const ticket = await page.locator('.screen pre.ticket').textContent();
    expect(ticket).toContain('T-WEB-1');
    expect(ticket).toContain('1234.50 ARS');
    expect(ticket).toContain('APROBADO');
    expect(await page.locator('[role="alert"]').textContent()).toBe('');
    await shot(page, 'terminal-approved');
    // A phone's width: nothing wider than the screen.
    expect(await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    const o = await getOrder(caja, shop, id);
    expect(o).toMatchObject({ status: 'processed', transactions: { payments: [{ status: 'processed' }] } });
    const payment = (await as(caja, shop.seller, { method: 'GET', url: `/v1/payments/${o.transactions.payments[0].reference_id}` })).json();
    expect(payment).toMatchObject({ status: 'approved', transaction_amount: 1234.5 });
  });

  it('takes a declined card (insufficient funds) with the keyboard; the API answers the order failed', async () => {
    const id = await pointOrder('T-WEB-2', '20.00');
    await title().filter({ hasText: 'Insert, tap or swipe the card' }).waitFor({ timeout: 10_000 });
    expect(await page.locator('.screen .amount').textContent()).toBe('20.00 ARS');
    await page.locator('#cardholder').focus();
    await page.locator('#cardholder').selectOption('FUND');
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string | undefined>('document.activeElement?.textContent')).toBe('Insert / tap card');
    await page.keyboard.press('Enter');
    await page.locator('.screen [data-outcome="declined"]').waitFor();
    expect(await title().textContent()).toBe('Declined');
    expect(await page.locator('.screen').textContent()).toContain('insufficient_amount');
    expect(await page.locator('.screen pre.ticket').textContent()).toContain('RECHAZADO');
    await shot(page, 'terminal-declined');
    await until(async () => (await getOrder(caja, shop, id)).status === 'failed', 5000, 'failed');
    expect(await getOrder(caja, shop, id)).toMatchObject({ status: 'failed', transactions: { payments: [{ status: 'failed', status_detail: 'insufficient_amount' }] } });
  });

  it("links a Point order's detail on the dashboard to its terminal's screen", async () => {
    await page.getByRole('link', { name: '← Dashboard' }).click();
    const row = page.locator('#orders [data-family="mp"] tbody tr').first();
    await row.waitFor();
    await row.getByRole('button').click();
    const link = page.locator('#detail').getByRole('link', { name: 'Open its terminal' });
    await link.waitFor();
    await link.click();
    await page.waitForURL(`${base}/terminal/${terminal.id}`);
    await title().waitFor();
  });

  it('loaded nothing from outside caja and logged no error', () => {
    expect(requests.filter((u) => !u.startsWith(`${base}/`))).toEqual([]);
    expect(offenders).toEqual([]);
    expect(errors.filter((e) => !e.includes('Failed to load resource'))).toEqual([]);
  });
});
