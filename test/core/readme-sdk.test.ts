import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SNIPPET = path.join(ROOT, 'test/sdk/readme-node-sdk.ts');

describe("the README's Node SDK snippet", () => {
  it('is test/sdk/readme-node-sdk.ts verbatim', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const block = /<!-- sdk-node:start -->\s*```ts\n([\s\S]*?)```\s*<!-- sdk-node:end -->/.exec(readme)?.[1];
    expect(block).toBe(fs.readFileSync(SNIPPET, 'utf8'));
  });

  it('compiles on its own in strict TypeScript (the SDK types BASE_URL readonly)', () => {
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    const flags = ['--noEmit', '--strict', '--target', 'ES2022', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--esModuleInterop', '--skipLibCheck', '--types', 'node'];
    const r = spawnSync(process.execPath, [tsc, ...flags, SNIPPET], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stdout + r.stderr).toBe(0);
  }, 120_000);
});
