import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// docs/ARCHITECTURE.md: imports point down this order (a higher number may import a lower one).
const LAYERS: Record<string, number> = {
  core: 0,
  config: 1,
  log: 1,
  store: 2,
  domain: 3,
  context: 3,
  notify: 4,
  jobs: 4,
  http: 5,
  providers: 6,
  sandbox: 7,
  web: 8,
  app: 9,
  runtime: 9,
  server: 10,
  cli: 11,
};

const SRC = path.resolve('src');
const layerOf = (file: string) => path.relative(SRC, file).split(path.sep)[0]!.replace(/\.(ts|js)$/, '');

function* sources(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* sources(p);
    else if (e.name.endsWith('.ts')) yield p;
  }
}

describe('the layers of docs/ARCHITECTURE.md', () => {
  it('every relative import points to its own layer or a lower one', () => {
    const up: string[] = [];
    for (const file of sources(SRC)) {
      const from = layerOf(file);
      expect(LAYERS[from], `${file}: a folder the map does not name`).toBeDefined();
      for (const m of fs.readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
        const to = layerOf(path.resolve(path.dirname(file), m[1]!));
        expect(LAYERS[to], `${file} imports ${m[1]}: a folder the map does not name`).toBeDefined();
        if (LAYERS[to]! > LAYERS[from]!) up.push(`${path.relative(SRC, file)} (${from}) → ${m[1]} (${to})`);
      }
    }
    expect(up).toEqual([]);
  });
});
