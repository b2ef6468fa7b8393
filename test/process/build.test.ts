import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../support/receiver.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

// bin/caja.js runs src/ compiled once into dist/<hash>; it must never run a
// build older than src/. Exercised on a copy of bin/ and src/, so the real
// tree (and other tests spawning caja) are never touched.
describe('the compiled build that bin/caja.js runs', () => {
  let dir: string;
  const caja = (...args: string[]) => spawnSync(process.execPath, [path.join(dir, 'bin/caja.js'), ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir() } });
  const builds = () => fs.readdirSync(path.join(dir, 'dist')).filter((n) => !n.startsWith('.'));
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caja-build-'));
    fs.cpSync(path.join(ROOT, 'bin'), path.join(dir, 'bin'), { recursive: true });
    fs.cpSync(path.join(ROOT, 'src'), path.join(dir, 'src'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is built on first use, reused while src/ is unchanged, and rebuilt as soon as any file in src/ changes', () => {
    const first = caja('help');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('usage: caja <command>');
    expect(builds()).toHaveLength(1);
    expect(fs.existsSync(path.join(dir, 'dist', builds()[0]!, 'src/store/migrations'))).toBe(true);
    // ASCII only (non-ASCII comments escaped), so V8 holds the source as a one-byte string.
    expect(/[^\x00-\x7f]/.test(fs.readFileSync(path.join(dir, 'dist', builds()[0]!, 'caja.cjs'), 'utf8'))).toBe(false);

    expect(caja('help').status).toBe(0);
    expect(builds()).toHaveLength(1);

    const main = path.join(dir, 'src/cli/main.ts');
    fs.writeFileSync(main, fs.readFileSync(main, 'utf8').replace('apply pending migrations and exit', 'apply pending migrations and exit (edited)'));
    const edited = caja('help');
    expect(edited.stdout).toContain('(edited)');
    expect(builds()).toHaveLength(2);

    // A file that is not TypeScript (a migration) counts too.
    fs.writeFileSync(path.join(dir, 'src/store/migrations/9999_probe.sql'), '-- probe\n');
    expect(caja('help').status).toBe(0);
    expect(builds()).toHaveLength(3);
  }, 180_000); // four starts and three builds: slow on a busy machine

  // bin/dist.js load(): the bundle runs with a V8 code cache written by a start that had none.
  it('writes a code cache a second after a start, and a start with a broken cache still serves and writes a good one', async () => {
    const build = path.join(dir, 'dist', builds().sort((a, b) => fs.statSync(path.join(dir, 'dist', b)).mtimeMs - fs.statSync(path.join(dir, 'dist', a)).mtimeMs)[0]!);
    const cache = path.join(build, 'caja.cjs.v8');
    fs.rmSync(cache, { force: true });
    const serveOnce = async () => {
      const data = fs.mkdtempSync(path.join(os.tmpdir(), 'caja-build-data-'));
      const child = spawn(process.execPath, [path.join(dir, 'bin/caja.js'), 'serve'], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), PORT: '0', CAJA_DATA_DIR: data, CAJA_SEED: 'off', LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      try {
        let out = '';
        const url = await new Promise<string>((resolve, reject) => {
          child.stdout.on('data', (d: Buffer) => {
            out += d.toString();
            const m = /http:\/\/[^\s/]+:\d+/.exec(out);
            if (m) resolve(m[0]);
          });
          child.on('exit', (code) => reject(new Error(`caja exited ${code}: ${out}`)));
        });
        expect((await fetch(`${url}/health`)).status).toBe(200);
        await until(() => fs.existsSync(cache) && fs.statSync(cache).size > 1000, 10_000, 'the code cache');
      } finally {
        child.kill('SIGTERM');
        await new Promise((r) => child.on('exit', r));
        fs.rmSync(data, { recursive: true, force: true });
      }
    };
    await serveOnce();
    fs.writeFileSync(cache, 'not a V8 code cache');
    await serveOnce();
  }, 120_000);

  // A start hashes every file under src/ by its path below src/ (sliced there, not path.relative: PERFORMANCE.md, "Start").
  it('names the hashed sources by their paths below src/, every file and only files', async () => {
    const dist = (await import(pathToFileURL(path.join(dir, 'bin/dist.js')).href)) as { sourceHash(): { hash: string; files: string[] } };
    const src = path.join(dir, 'src');
    const expected = fs
      .readdirSync(src, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => path.relative(src, path.join(d.parentPath, d.name)))
      .sort();
    const { hash, files } = dist.sourceHash();
    expect(files).toEqual(expected);
    expect(files).toContain(path.join('store', 'migrations', '0001_foundation.sql'));
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('runs the sources through tsx when asked (CAJA_TSX=1)', () => {
    const r = spawnSync(process.execPath, [path.join(dir, 'bin/caja.js'), 'help'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), CAJA_TSX: '1' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('(edited)');
  }, 120_000);
});
