import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VersionedAnswers } from '../../src/http/versioned-answers.js';

type Op = { kind: 'set'; key: string; version: number; body: string } | { kind: 'get'; key: string; version: number };

/** The same cache as a plain list, most recently used last. */
class Model {
  entries: Array<{ key: string; version: number; body: string }> = [];
  constructor(readonly max: number) {}
  chars = () => this.entries.reduce((n, e) => n + e.body.length, 0);
  get(key: string, version: number) {
    const i = this.entries.findIndex((e) => e.key === key);
    if (i < 0 || this.entries[i]!.version !== version) return undefined;
    const [e] = this.entries.splice(i, 1);
    this.entries.push(e!);
    return e!.body;
  }
  set(key: string, version: number, body: string) {
    this.entries = this.entries.filter((e) => e.key !== key);
    if (body.length > this.max) return;
    this.entries.push({ key, version, body });
    while (this.chars() > this.max) this.entries.shift();
  }
}

describe('VersionedAnswers', () => {
  it('answers only the exact version held, drops the least recently used past its size, and never holds more', () => {
    const key = fc.constantFrom('a', 'b', 'c', 'd', 'e');
    const version = fc.integer({ min: 1, max: 3 });
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key, version, body: fc.string({ maxLength: 12 }) }),
      fc.record({ kind: fc.constant('get' as const), key, version }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.array(op, { maxLength: 60 }), (max, ops) => {
        const held = new VersionedAnswers(max);
        const model = new Model(max);
        for (const o of ops) {
          if (o.kind === 'set') {
            held.set(o.key, o.version, o.body);
            model.set(o.key, o.version, o.body);
          } else expect(held.get(o.key, o.version)).toBe(model.get(o.key, o.version));
          expect(held.size).toEqual({ entries: model.entries.length, chars: model.chars() });
          expect(held.size.chars).toBeLessThanOrEqual(max);
          for (const k of ['a', 'b', 'c', 'd', 'e']) expect(held.version(k)).toBe(model.entries.find((e) => e.key === k)?.version ?? -1);
        }
      }),
    );
  });
});
