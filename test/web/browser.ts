import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

/** Debian's chromium (`apt-get install -y chromium`; .ci/run installs it). */
export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launch(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`the dashboard's browser tests need Debian's chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does)`);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/**
 * Screenshots go to docs/screenshots/ when CAJA_SCREENSHOTS=1 (to refresh the
 * README's), else to a scratch directory: every run still takes them.
 */
export const SHOTS = process.env.CAJA_SCREENSHOTS === '1' ? path.resolve('docs/screenshots') : fs.mkdtempSync(path.join(os.tmpdir(), 'caja-shots-'));

/** A page's viewport, or one element of it (smaller files for the README). */
export async function shot(page: Page, name: string, of?: Locator): Promise<void> {
  const file = path.join(SHOTS, `${name}.png`);
  if (of) await of.screenshot({ path: file });
  else await page.screenshot({ path: file });
}

/**
 * Every request of every page of a context that is not to caja's origin is
 * aborted and recorded: the test that reads `offenders` fails on any. (The
 * pages' CSP already forbids them; this catches what a CSP would let through,
 * such as a navigation or a link followed elsewhere.)
 */
export async function guardOrigin(ctx: BrowserContext, base: string, offenders: string[]): Promise<void> {
  const origin = new URL(base).origin;
  await ctx.route(
    (url) => url.origin !== origin,
    (route) => {
      offenders.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
}

/** Every request a page makes, to prove nothing leaves caja. */
export function recordRequests(page: Page, urls: string[]): void {
  page.on('request', (r) => urls.push(r.url()));
}

/** Console errors and CSP violations fail the test that reads them. */
export function recordErrors(page: Page, errors: string[]): void {
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${String(e)}`));
}
