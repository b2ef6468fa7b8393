import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A CommonJS package loaded on first use rather than at start: image and PDF
 * rendering pull in hundreds of modules that most processes never need
 * (measured in docs/PERFORMANCE.md). Synchronous, so callers stay as they are.
 */
export function lazyRequire<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
