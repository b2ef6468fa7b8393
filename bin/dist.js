// Compiled JavaScript for bin/caja.js, so a start does not compile TypeScript.
//
// dist/<hash>/caja.cjs is src/ bundled by esbuild into one file (with the
// pure-JavaScript packages every start loads), next to a copy of src/'s other
// files (migrations). <hash> covers every file under src/ (path and content)
// and this builder's own text, so a build is only ever used for the exact
// sources it was made from: edit any file in src/ and the next start builds
// anew (a fraction of a second) or, if it cannot, runs the sources through
// tsx. Builds are made in a private directory and renamed into place, so
// processes starting together never see half a build. `npm ci` builds once
// (the `prepare` script); a start after that only hashes src/ (a few ms).
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire, Module } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

const ROOT = path.resolve(import.meta.dirname, '..');
const SRC = path.join(ROOT, 'src');
const DIST = path.join(ROOT, 'dist');
const KEEP = 4;
// pino is inside: loading its 29 files from node_modules, without the code cache, was 20-30 ms
// of every start. Its transports (worker threads loading pino's own files) would not find those
// files next to the bundle; caja logs to stdout and uses none.
const KEEP_OUTSIDE = ['better-sqlite3', 'pg', 'undici', 'pdfkit', 'qrcode', 'pngjs', '@fastify/swagger', '@fastify/swagger-ui', 'tsx', 'esbuild'];

/** The sources' identity: every file under src/, by relative path and content, and this builder's own text. */
export function sourceHash() {
  const files = fs
    .readdirSync(SRC, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    // Sliced, not path.relative(): that cost 10-15 ms for the ~350 files at every start.
    .map((d) => path.join(d.parentPath ?? d.path, d.name).slice(SRC.length + 1))
    .sort();
  const h = crypto.createHash('sha256').update(fs.readFileSync(import.meta.filename));
  for (const f of files) h.update('\0' + f + '\0').update(fs.readFileSync(path.join(SRC, f)));
  return { hash: h.digest('hex').slice(0, 16), files };
}

/** The compiled entry point for the current sources, building it if needed; null when it cannot be built. */
export async function ensureBuilt() {
  const { hash, files } = sourceHash();
  const dir = path.join(DIST, hash);
  const main = path.join(dir, 'caja.cjs');
  if (fs.existsSync(path.join(dir, 'complete'))) return main;
  await build(dir, files);
  return main;
}

/**
 * Runs the CommonJS bundle with a V8 code cache next to it (caja.cjs.v8): compiling the
 * bundle, and then each function the start calls, was the largest CPU cost of a start
 * after the build itself (PERFORMANCE.md, "Start"). The cache is written once, a second
 * after a start that had none (or whose cache V8 refused: another Node version), so it
 * holds the functions a start compiles; written to a private file and renamed into place.
 */
export function load(main) {
  const cacheFile = `${main}.v8`;
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(fs.readFileSync(main, 'utf8')), {
    filename: main,
    cachedData,
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (!cachedData || script.cachedDataRejected) {
    setTimeout(() => {
      try {
        const tmp = `${cacheFile}.${process.pid}`;
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, cacheFile);
      } catch {
        // A read-only checkout: every start compiles, as without a cache.
      }
    }, 1000).unref();
  }
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(main), module, main, path.dirname(main));
}

/**
 * In a bundle every module would share the bundle's import.meta.url; each
 * source keeps its own, pointing at its place in the copied tree (so
 * src/store/migrate.ts still finds ./migrations/ next to it).
 */
function ownMetaUrls() {
  return {
    name: 'own-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        const rel = path.relative(SRC, args.path).replace(/\.ts$/, '.js');
        const own = `new URL(${JSON.stringify(`./src/${rel.split(path.sep).join('/')}`)}, __cajaBundleUrl).href`;
        const text = fs.readFileSync(args.path, 'utf8');
        return { contents: text.replaceAll('import.meta.url', own), loader: 'ts' };
      });
    },
  };
}

async function build(dir, files) {
  // esbuild comes with tsx (a dependency), so it is there whenever tsx is.
  const require = createRequire(createRequire(import.meta.url).resolve('tsx'));
  const esbuild = await import(require.resolve('esbuild'));
  fs.mkdirSync(DIST, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(DIST, '.build-'));
  try {
    // One file: loading ~160 modules one by one was a large share of the start.
    // Packages stay outside (node_modules is resolved from dist/ as from src/).
    await esbuild.build({
      entryPoints: [path.join(SRC, 'cli/main.ts')],
      outfile: path.join(tmp, 'caja.cjs'),
      bundle: true,
      // Pure-JavaScript packages loaded at every start go into the bundle too
      // (hundreds of small files otherwise). Kept outside: native code, packages
      // that read their own files or start workers, and those loaded lazily.
      external: KEEP_OUTSIDE,
      // CommonJS, so bin/caja.js can run it with a V8 code cache (see load() below); each
      // source's import.meta.url is rebuilt from the bundle's own file URL.
      banner: { js: "const __cajaBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      logLevel: 'silent',
      plugins: [ownMetaUrls()],
      // What tsconfig.json implies for emit (target ES2022: define semantics for class fields).
      tsconfigRaw: { compilerOptions: { useDefineForClassFields: true, verbatimModuleSyntax: true } },
    });
    // esbuild writes code in ASCII but passes comments through, and a dozen of them (ours,
    // kysely's) hold a non-ASCII character: one was enough for V8 to decode and keep the whole
    // 2.6 MB source as a two-byte string, slower to read and to load (PERFORMANCE.md, "Start").
    // Escaped here: in a comment the escape is only text (strings, templates and regular
    // expressions esbuild has already escaped).
    const bundle = fs.readFileSync(path.join(tmp, 'caja.cjs'), 'utf8').replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    fs.writeFileSync(path.join(tmp, 'caja.cjs'), bundle);
    // The bundle runs as a vm.Script (load() above), where import() of a package cannot be
    // resolved without a Node flag: packages are loaded with require (src/core/lazy.ts).
    const dynamic = /\bimport\(\s*["'](?![./]|node:)([^"']+)["']/.exec(bundle);
    if (dynamic) throw new Error(`src/ imports the package ${dynamic[1]} with import(); use lazyRequire (src/core/lazy.ts)`);
    for (const f of files.filter((f) => !f.endsWith('.ts'))) {
      fs.mkdirSync(path.dirname(path.join(tmp, 'src', f)), { recursive: true });
      fs.copyFileSync(path.join(SRC, f), path.join(tmp, 'src', f));
    }
    fs.writeFileSync(path.join(tmp, 'complete'), new Date().toISOString() + '\n');
    try {
      fs.renameSync(tmp, dir);
    } catch (e) {
      // Another process finished the same build first: theirs is identical.
      if (!fs.existsSync(path.join(dir, 'complete'))) throw e;
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  prune(dir);
}

/** Keeps the newest few builds (a process still running an older one may load a module lazily). */
function prune(current) {
  const builds = fs
    .readdirSync(DIST)
    .filter((n) => !n.startsWith('.'))
    .map((n) => path.join(DIST, n))
    .filter((p) => p !== current)
    .map((p) => ({ p, at: fs.statSync(p).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const { p } of builds.slice(KEEP - 1)) fs.rmSync(p, { recursive: true, force: true });
}

// `node bin/dist.js` (the `prepare` script, run by `npm ci`): build now.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const started = performance.now();
  const main = await ensureBuilt();
  console.log(`caja: compiled src/ to ${path.relative(ROOT, main)} in ${Math.round(performance.now() - started)} ms`);
}
