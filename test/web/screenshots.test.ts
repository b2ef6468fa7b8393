import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The README's screenshots are the browser tests' own: every one it links is in
// docs/screenshots/, small, and taken by a test (`shot(page, '<name>')`); every
// file there is linked. CAJA_SCREENSHOTS=1 npx vitest run --project sqlite test/web/ refreshes them.
const DIR = path.resolve('docs/screenshots');
const MAX_BYTES = 160_000;

const readme = fs.readFileSync('README.md', 'utf8');
const linked = [...readme.matchAll(/\(docs\/screenshots\/([a-z0-9-]+)\.png\)/g)].map((m) => m[1]!);
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.png')).map((f) => f.slice(0, -4));
const tests = fs
  .readdirSync('test/web')
  .filter((f) => f.endsWith('.browser.test.ts'))
  .map((f) => fs.readFileSync(path.join('test/web', f), 'utf8'))
  .join('\n');
const taken = new Set([...tests.matchAll(/shot\(\w+, '([a-z0-9-]+)'/g)].map((m) => m[1]!));

describe("the README's screenshots", () => {
  it('links every screenshot, and each link is a file a browser test takes', () => {
    expect(linked.length).toBeGreaterThanOrEqual(8);
    expect([...new Set(linked)].sort()).toEqual([...files].sort());
    expect(linked.filter((n) => !taken.has(n))).toEqual([]);
    expect([...taken].filter((n) => !files.includes(n))).toEqual([]);
  });

  it('keeps each file small', () => {
    for (const f of files) expect(fs.statSync(path.join(DIR, `${f}.png`)).size, f).toBeLessThan(MAX_BYTES);
  });
});
