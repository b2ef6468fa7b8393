import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatAmount, parseAmount, parseAmountIn, sumAmounts } from '../../src/core/money.js';

type Reason = 'type' | 'format' | 'negative' | 'too_many_decimals' | 'zero' | 'too_large';
type Row = [input: unknown, exp0: number | Reason, exp2: number | Reason];

// Each row: what exponent 0 and exponent 2 make of the same wire value.
const rows: Row[] = [
  ['10', 10, 1000],
  ['10.5', 'too_many_decimals', 1050],
  ['10.50', 'too_many_decimals', 1050],
  ['10.0', 'too_many_decimals', 1000],
  ['0.50', 'too_many_decimals', 50],
  ['0.01', 'too_many_decimals', 1],
  ['1.234', 'too_many_decimals', 'too_many_decimals'],
  ['0', 'zero', 'zero'],
  ['0.00', 'too_many_decimals', 'zero'],
  ['9007199254740991', 9007199254740991, 'too_large'],
  ['90071992547409.91', 'too_many_decimals', 9007199254740991],
  ['90071992547409.92', 'too_many_decimals', 'too_large'],
  ['9007199254740992', 'too_large', 'too_large'],
  ['1'.repeat(1000), 'too_large', 'too_large'],
  ['-1', 'negative', 'negative'],
  ['-0', 'negative', 'negative'],
  ['-1.5', 'negative', 'negative'],
  ['+1', 'format', 'format'],
  ['1e3', 'format', 'format'],
  ['', 'format', 'format'],
  [' ', 'format', 'format'],
  [' 1', 'format', 'format'],
  ['1 ', 'format', 'format'],
  ['1\n', 'format', 'format'],
  ['1,5', 'format', 'format'],
  ['1_000', 'format', 'format'],
  ['.5', 'format', 'format'],
  ['5.', 'format', 'format'],
  ['1.2.3', 'format', 'format'],
  ['007', 'format', 'format'],
  ['00.5', 'format', 'format'],
  ['0x10', 'format', 'format'],
  ['NaN', 'format', 'format'],
  ['Infinity', 'format', 'format'],
  ['١٢', 'format', 'format'],
  [10, 10, 1000],
  [10.5, 'too_many_decimals', 1050],
  [0.1 + 0.2, 'too_many_decimals', 'too_many_decimals'],
  [0, 'zero', 'zero'],
  [-0, 'zero', 'zero'],
  [-1, 'negative', 'negative'],
  [1e21, 'format', 'format'],
  [1e-7, 'format', 'format'],
  [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'too_large'],
  [NaN, 'format', 'format'],
  [Infinity, 'format', 'format'],
  [-Infinity, 'format', 'format'],
  [null, 'type', 'type'],
  [undefined, 'type', 'type'],
  [true, 'type', 'type'],
  [{}, 'type', 'type'],
  [[1], 'type', 'type'],
  [10n, 'type', 'type'],
];

describe('parseAmount', () => {
  for (const [exponent, col] of [[0, 1], [2, 2]] as const) {
    const label = (v: unknown): string =>
      typeof v === 'bigint' ? `${v}n` : typeof v === 'number' ? String(v) : (JSON.stringify(v) ?? String(v));
    it.each(rows.map((r) => [`${label(r[0]).slice(0, 30)} -> ${r[col]}`, r[0], r[col]] as const))(`exponent ${exponent}: %s`, (_, input, want) => {
      const r = parseAmount(input, { exponent });
      if (typeof want === 'number') {
        expect(r).toEqual({ ok: true, value: want });
      } else {
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.error.reason).toBe(want);
          expect(r.error.message).toBeTypeOf('string');
        }
      }
    });
  }

  it('accepts zero only when asked', () => {
    expect(parseAmount('0', { exponent: 2, allowZero: true })).toEqual({ ok: true, value: 0 });
    expect(parseAmount('0.00', { exponent: 2, allowZero: true })).toEqual({ ok: true, value: 0 });
    expect(parseAmount(0, { exponent: 0, allowZero: true })).toEqual({ ok: true, value: 0 });
  });

  it('uses the currency exponent', () => {
    expect(parseAmountIn('10.5', 'ARS')).toEqual({ ok: true, value: 1050 });
    expect(parseAmountIn('10.5', 'CLP').ok).toBe(false);
    expect(parseAmountIn('1500', 'COP')).toEqual({ ok: true, value: 1500 });
  });

  it('throws on a nonsensical exponent (a bug, not input)', () => {
    expect(() => parseAmount('1', { exponent: -1 })).toThrow(RangeError);
    expect(() => parseAmount('1', { exponent: 1.5 })).toThrow(RangeError);
  });

  it('round-trips formatAmount for every safe non-negative amount', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.integer({ min: 0, max: 4 }), (n, e) => {
        const r = parseAmount(formatAmount(n, e), { exponent: e, allowZero: true });
        expect(r).toEqual({ ok: true, value: n });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formatAmount', () => {
  it.each([
    [5000, 2, '50.00'],
    [5000, 0, '5000'],
    [5, 2, '0.05'],
    [50, 2, '0.50'],
    [0, 2, '0.00'],
    [0, 0, '0'],
    [-5, 2, '-0.05'],
    [-123456, 2, '-1234.56'],
    [-0, 2, '0.00'],
    [Number.MAX_SAFE_INTEGER, 2, '90071992547409.91'],
  ])('%i, %i -> %s', (minor, e, want) => {
    expect(formatAmount(minor, e)).toBe(want);
  });

  it('throws on non-integers', () => {
    expect(() => formatAmount(1.5, 2)).toThrow(RangeError);
    expect(() => formatAmount(2 ** 53, 2)).toThrow(RangeError);
  });
});

describe('sumAmounts', () => {
  it('adds exactly and refuses overflow', () => {
    expect(sumAmounts([])).toEqual({ ok: true, value: 0 });
    expect(sumAmounts([1050, 25, -75])).toEqual({ ok: true, value: 1000 });
    const r = sumAmounts([Number.MAX_SAFE_INTEGER, 1]);
    expect(r.ok === false && r.error.reason).toBe('too_large');
    expect(() => sumAmounts([0.5])).toThrow(RangeError);
  });
});
