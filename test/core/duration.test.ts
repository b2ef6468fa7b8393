import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatIsoDuration, isWithin, parseIsoDuration } from '../../src/core/duration.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe('parseIsoDuration', () => {
  it.each([
    ['PT15M', 15 * M],
    ['PT16M', 16 * M],
    ['PT30S', 30 * S],
    ['PT0S', 0],
    ['PT0.5S', 500],
    ['PT1.25S', 1250],
    ['PT1.005S', 1005],
    ['P1D', D],
    ['P150D', 150 * D],
    ['PT3600H', 150 * D],
    ['P1W', 7 * D],
    ['P1M', 30 * D],
    ['P1Y', 365 * D],
    ['PT1H30M', H + 30 * M],
    ['P1DT1H', D + H],
    ['P3Y6M4DT12H30M5S', (3 * 365 + 6 * 30 + 4) * D + 12 * H + 30 * M + 5 * S],
    ['PT015M', 15 * M],
  ])('%s = %i ms', (s, ms) => {
    expect(parseIsoDuration(s)).toEqual({ ok: true, value: { ms, text: s } });
  });

  it.each([
    ['PT10X', 'format'],
    ['P', 'empty'],
    ['PT', 'empty'],
    ['P1DT', 'empty'],
    ['15M', 'format'],
    ['pt15m', 'format'],
    ['Pt15M', 'format'],
    ['P-1D', 'format'],
    ['-P1D', 'format'],
    ['PT+1M', 'format'],
    ['PT1.5M', 'format'],
    ['P1.5D', 'format'],
    ['PT1.5H', 'format'],
    ['PT0.5000S', 'format'],
    ['PT.5S', 'format'],
    ['PT1.S', 'format'],
    ['PT1,5S', 'format'],
    ['PT 15M', 'format'],
    [' PT15M', 'format'],
    ['PT15M ', 'format'],
    ['PT15M\n', 'format'],
    ['P1H', 'format'],
    ['PT1D', 'format'],
    ['PT1S1M', 'format'],
    ['P1D1Y', 'format'],
    ['PT15M15M', 'format'],
    ['', 'format'],
    [`P${'9'.repeat(30)}D`, 'overflow'],
    ['PT9007199254741S', 'overflow'],
    [`PT${'1'.repeat(100)}S`, 'format'],
  ])('refuses %j (%s)', (s, reason) => {
    const r = parseIsoDuration(s);
    expect(r.ok === false && r.error.reason).toBe(reason);
  });

  it('refuses non-strings', () => {
    for (const v of [900, null, undefined, {}]) {
      const r = parseIsoDuration(v);
      expect(r.ok === false && r.error.reason).toBe('type');
    }
  });

  it('reaches the safe-integer limit exactly', () => {
    expect(parseIsoDuration('PT9007199254740.991S')).toEqual({
      ok: true,
      value: { ms: Number.MAX_SAFE_INTEGER, text: 'PT9007199254740.991S' },
    });
    expect(parseIsoDuration('PT9007199254740.992S').ok).toBe(false);
  });
});

describe('formatIsoDuration', () => {
  it.each([
    [0, 'PT0S'],
    [500, 'PT0.5S'],
    [1250, 'PT1.25S'],
    [1005, 'PT1.005S'],
    [30 * S, 'PT30S'],
    [15 * M, 'PT15M'],
    [H + 30 * M, 'PT1H30M'],
    [H + 5 * S, 'PT1H5S'],
    [D, 'P1D'],
    [D + H, 'P1DT1H'],
    [2 * D + 3 * H, 'P2DT3H'],
    [150 * D, 'P150D'],
    [23 * H + 59 * M + 59 * S + 999, 'PT23H59M59.999S'],
  ])('%i -> %s', (ms, s) => {
    expect(formatIsoDuration(ms)).toBe(s);
  });

  it('throws on bad input', () => {
    expect(() => formatIsoDuration(-1)).toThrow(RangeError);
    expect(() => formatIsoDuration(1.5)).toThrow(RangeError);
  });

  it('round-trips whole seconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Math.floor(Number.MAX_SAFE_INTEGER / 1000) }), (sec) => {
        const r = parseIsoDuration(formatIsoDuration(sec * 1000));
        expect(r.ok && r.value.ms).toBe(sec * 1000);
      }),
      { numRuns: 3000 },
    );
  });

  it('round-trips any millisecond count', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (ms) => {
        const r = parseIsoDuration(formatIsoDuration(ms));
        expect(r.ok && r.value.ms).toBe(ms);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('isWithin', () => {
  it('is inclusive on both ends', () => {
    expect(isWithin(30 * S, 30 * S, 30 * D)).toBe(true);
    expect(isWithin(30 * D, 30 * S, 30 * D)).toBe(true);
    expect(isWithin(29 * S, 30 * S, 30 * D)).toBe(false);
    expect(isWithin(30 * D + 1, 30 * S, 30 * D)).toBe(false);
  });
});
