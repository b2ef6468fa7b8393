import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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

  it('runs the sources through tsx when asked (CAJA_TSX=1)', () => {
    const r = spawnSync(process.execPath, [path.join(dir, 'bin/caja.js'), 'help'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), CAJA_TSX: '1' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('(edited)');
  }, 120_000);
});
