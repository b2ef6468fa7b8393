import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CROCKFORD,
  createIdGenerator,
  idFamily,
  isPrefixedUlid,
  isUlid,
  newId,
  newUlid,
  randomHex,
  randomToken,
  sortableToken,
  ulidTime,
  uuid,
} from '../../src/core/ids.js';

const T = 1_755_900_000_000; // 2025-08-22
const CROCK_RE = /^[0-9A-HJKMNP-TV-Z]+$/;

describe('ULID', () => {
  it('has 26 Crockford chars and a 0-7 first char', () => {
    for (let i = 0; i < 100; i++) {
      const u = newUlid(T + i);
      expect(u).toHaveLength(26);
      expect(u).toMatch(CROCK_RE);
      expect(u[0]).toMatch(/[0-7]/);
      expect(isUlid(u)).toBe(true);
    }
    expect(CROCKFORD).toHaveLength(32);
  });

  it('decodes its time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), (t) => {
        expect(ulidTime(newUlid(t))).toBe(t);
      }),
      { numRuns: 2000 },
    );
    expect(newUlid(0).slice(0, 10)).toBe('0000000000');
    expect(newUlid(2 ** 48 - 1).slice(0, 10)).toBe('7ZZZZZZZZZ');
    // MP example "ORD01K371WBFDS4MD9JG0K8ZMECBE": minted 2025-08-21T19:32:21.101Z.
    expect(ulidTime('01K371WBFDS4MD9JG0K8ZMECBE')).toBe(Date.parse('2025-08-21T19:32:21.101Z'));
  });

  it('refuses times outside 48 bits', () => {
    for (const t of [-1, 2 ** 48, 1.5, NaN]) expect(() => newUlid(t)).toThrow(RangeError);
    expect(() => ulidTime('not-a-ulid')).toThrow(RangeError);
  });

  it('is monotonic over 10,000 ids in one millisecond', () => {
    const g = createIdGenerator();
    const ids = Array.from({ length: 10_000 }, () => g.ulid(T));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('draws fresh randomness for a new or earlier millisecond, and keeps each one monotonic', () => {
    const g = createIdGenerator();
    const a1 = g.ulid(T);
    const b1 = g.ulid(T - 5_000); // another seller's clock, behind
    const a2 = g.ulid(T);
    const b2 = g.ulid(T - 5_000);
    expect(a2 > a1).toBe(true);
    expect(b2 > b1).toBe(true);
    expect(b1.slice(0, 10) < a1.slice(0, 10)).toBe(true);
  });

  it('increments with carry and fails rather than wrapping', () => {
    const g = createIdGenerator((n) => new Uint8Array(n).fill(31));
    expect(g.ulid(T).slice(10)).toBe('Z'.repeat(16));
    expect(() => g.ulid(T)).toThrow(/overflow/);
    const h = createIdGenerator((n) => new Uint8Array(n).fill(30));
    h.ulid(T);
    expect(h.ulid(T).slice(10)).toBe('YYYYYYYYYYYYYYYZ');
    expect(h.ulid(T).slice(10)).toBe('YYYYYYYYYYYYYYZ0');
  });
});

describe('prefixed ids and families', () => {
  it('newId prints prefix + ULID', () => {
    const id = newId('ORD', T);
    expect(id).toMatch(/^ORD[0-7][0-9A-HJKMNP-TV-Z]{25}$/);
    expect(isPrefixedUlid('ORD', id)).toBe(true);
    expect(ulidTime(id.slice(3))).toBe(T);
  });

  it('a family shares 19 chars after the prefix and has unique 7-char suffixes', () => {
    const f = idFamily(T);
    const ids = [f.next('ORD'), f.next('PAY'), f.next('PAY'), f.next('REF'), f.next('CAS')];
    const bodies = ids.map((id) => id.slice(3));
    for (const b of bodies) {
      expect(isUlid(b)).toBe(true);
      expect(b.slice(0, 19)).toBe(bodies[0]?.slice(0, 19));
    }
    expect(new Set(bodies.map((b) => b.slice(19))).size).toBe(bodies.length);
  });

  it('guards against a repeated suffix', () => {
    // A random source that repeats itself once before moving on.
    const seq = [0, 0, 0, 1];
    let i = 0;
    const g = createIdGenerator((n) => new Uint8Array(n).fill(seq[Math.min(i++, seq.length - 1)] ?? 0));
    const f = g.idFamily(T); // consumes seq[0]
    const a = f.next('PAY'); // seq[1]
    const b = f.next('PAY'); // seq[2] repeats, so seq[3]
    expect(a.slice(-7)).toBe('0000000');
    expect(b.slice(-7)).toBe('1111111');
  });

  it('a family keeps the millisecond monotonic around it', () => {
    const g = createIdGenerator();
    const before = g.ulid(T);
    const f1 = g.idFamily(T);
    const members1 = Array.from({ length: 50 }, () => f1.next(''));
    const f2 = g.idFamily(T);
    const members2 = Array.from({ length: 50 }, () => f2.next(''));
    const after = g.ulid(T);
    for (const m of members1) {
      expect(m > before).toBe(true);
      for (const n of members2) expect(n > m).toBe(true);
    }
    for (const n of members2) expect(after > n).toBe(true);
    // Members minted after a later id still sort before it: the block is reserved.
    expect(f1.next('') < after).toBe(true);
  });

  it('isPrefixedUlid accepts and refuses', () => {
    const good = 'ORD01K371WBFDS4MD9JG0K8ZMECBE';
    expect(isPrefixedUlid('ORD', good)).toBe(true);
    expect(isPrefixedUlid('PAY', 'PAY01K371WBFDS4MD9JG0K8ZMECBE')).toBe(true);
    for (const bad of [
      'PAY01K371WBFDS4MD9JG0K8ZMECBE'.replace('PAY', 'ORX'),
      'ord01K371WBFDS4MD9JG0K8ZMECBE',
      'ORD01k371wbfds4md9jg0k8zmecbe',
      'ORD01K371WBFDS4MD9JG0K8ZMECB',
      'ORD01K371WBFDS4MD9JG0K8ZMECBEE',
      'ORD81K371WBFDS4MD9JG0K8ZMECBE',
      'ORD01K371WBFDS4MD9JG0K8ZMECBI',
      'ORD01K371WBFDS4MD9JG0K8ZMECBL',
      'ORD01K371WBFDS4MD9JG0K8ZMECBO',
      'ORD01K371WBFDS4MD9JG0K8ZMECBU',
      'ORD 1K371WBFDS4MD9JG0K8ZMECBE',
      '01K371WBFDS4MD9JG0K8ZMECBE',
      '',
    ]) {
      expect(isPrefixedUlid('ORD', bad)).toBe(false);
    }
    expect(isPrefixedUlid('PAY', good)).toBe(false);
    expect(isPrefixedUlid('ORD', 42)).toBe(false);
    expect(isPrefixedUlid('ORD', undefined)).toBe(false);
  });
});

describe('random helpers', () => {
  it('uuid, randomHex, randomToken', () => {
    expect(uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(randomHex(16)).toMatch(/^[0-9a-f]{32}$/);
    expect(randomToken(40)).toMatch(/^[0-9A-HJKMNP-TV-Z]{40}$/);
    expect(randomToken(1)).toHaveLength(1);
    expect(new Set(Array.from({ length: 100 }, () => randomToken(20))).size).toBe(100);
    expect(() => randomToken(0)).toThrow(RangeError);
    expect(() => randomHex(-1)).toThrow(RangeError);
  });

  it('randomToken draws fresh bytes across the refills of the random pool (4 KiB), and past its size', () => {
    const tokens = Array.from({ length: 1000 }, () => randomToken(20));
    expect(new Set(tokens).size).toBe(1000);
    const counts = new Map<string, number>();
    for (const c of tokens.join('')) counts.set(c, (counts.get(c) ?? 0) + 1);
    // 20,000 chars over 32 digits: 625 each on average.
    expect(counts.size).toBe(32);
    for (const n of counts.values()) expect(n).toBeGreaterThan(450);
    expect(randomToken(5000)).toMatch(/^[0-9A-HJKMNP-TV-Z]{5000}$/);
    expect(randomToken(5000)).not.toBe(randomToken(5000));
  });

  it('sortableToken: time order is sort order (an index grows at its right edge), the rest random', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 - 10_001 }), fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 20, max: 64 }), (t, dt, len) => {
        const a = sortableToken(len, t);
        const b = sortableToken(len, t + dt);
        expect(a).toMatch(CROCK_RE);
        expect(a).toHaveLength(len);
        expect(a < b).toBe(true);
      }),
    );
    // The low 40 bits of the time: the order wraps every 34 years (2^40 ms).
    expect(sortableToken(20, 2 ** 40).slice(0, 8)).toBe('00000000');
    // Within one millisecond the 12 or more random chars differ.
    expect(new Set(Array.from({ length: 1000 }, () => sortableToken(20, T))).size).toBe(1000);
    expect(sortableToken(20, T).slice(0, 8)).toBe(sortableToken(20, T).slice(0, 8));
    expect(() => sortableToken(19, T)).toThrow(RangeError);
  });
});
