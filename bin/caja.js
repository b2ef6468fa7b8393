#!/usr/bin/env node
// The `caja` command. TypeScript sources run through tsx's loader, so a fresh
// clone needs no build step: `npm ci && npm start` is all.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
