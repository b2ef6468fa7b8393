#!/usr/bin/env node
// The `caja` command. It runs src/ compiled to JavaScript (bin/dist.js: built
// by `npm ci`, rebuilt at start whenever src/ changed, never stale), so a start
// does not compile TypeScript. If no build can be made, the sources run
// through tsx's loader instead. CAJA_TSX=1 forces that.
import { ensureBuilt, load } from './dist.js';

let main = null;
if (process.env.CAJA_TSX !== '1') {
  try {
    main = await ensureBuilt();
  } catch (e) {
    console.error(`caja: could not compile src/ (${e instanceof Error ? e.message : String(e)}); running it through tsx`);
  }
}
if (main) {
  load(main);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
