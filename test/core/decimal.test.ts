import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  type Decimal,
  type RoundingMode,
  add,
  compare,
  convertMinor,
  decimal,
  div,
  fromMinor,
  isZero,
  mul,
  normalize,
  parseDecimal,
  round,
  sub,
  toFixed,
  toMinor,
  toNumberForJson,
  toString,
} from '../../src/core/decimal.js';

const d = (s: string): Decimal => {
  const r = parseDecimal(s);
  if (!r.ok) throw new Error(`bad fixture ${s}`);
  return r.value;
};
const p10 = (n: number): bigint => 10n ** BigInt(n);
const MODES: RoundingMode[] = ['half_up', 'half_even', 'down'];

// Independent BigInt reference for rounding num/den (den > 0, num >= 0),
// written differently from the implementation on purpose.
function refRound(num: bigint, den: bigint, mode: RoundingMode): bigint {
  if (mode === 'down') return num / den;
  if (mode === 'half_up') return (2n * num + den) / (2n * den);
  const lo = num / den;
  const c = compare2(2n * (num - lo * den), den);
  return c > 0 || (c === 0 && lo % 2n === 1n) ? lo + 1n : lo;
}
const compare2 = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

const canonical = fc
  .tuple(
    fc.oneof(fc.constant('0'), fc.tuple(fc.integer({ min: 1, max: 9 }), fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: 25 })).map(([h, t]) => `${h}${t}`)),
    fc.option(fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: 20 }), { nil: undefined }),
  )
  .map(([i, f]) => (f === undefined ? i : `${i}.${f}`));
const nonNeg = fc.record({ coef: fc.bigInt({ min: 0n, max: p10(30) }), scale: fc.integer({ min: 0, max: 12 }) }).map((r) => decimal(r.coef, r.scale));
const signed = fc.record({ coef: fc.bigInt({ min: -p10(30), max: p10(30) }), scale: fc.integer({ min: 0, max: 12 }) }).map((r) => decimal(r.coef, r.scale));
const mode = fc.constantFrom(...MODES);

describe('parseDecimal', () => {
  it.each([
    ['0', 0n, 0],
    ['1', 1n, 0],
    ['1.50', 150n, 2],
    ['0.000123', 123n, 6],
    ['5.123456789012345678901234567890', 5123456789012345678901234567890n, 30],
  ])('%s', (s, coef, scale) => {
    expect(parseDecimal(s)).toEqual({ ok: true, value: { coef, scale } });
  });

  it.each([
    ['', 'format'], [' 1', 'format'], ['+1', 'format'], ['-1', 'negative'], ['1e3', 'format'],
    ['.5', 'format'], ['5.', 'format'], ['007', 'format'], ['00.5', 'format'], ['1,5', 'format'],
    ['NaN', 'format'], ['Infinity', 'format'], ['1'.repeat(101), 'too_long'],
  ])('refuses %j (%s)', (s, reason) => {
    const r = parseDecimal(s);
    expect(r.ok === false && r.error.reason).toBe(reason);
  });

  it('reads JSON numbers through their shortest text', () => {
    expect(parseDecimal(0.1)).toEqual({ ok: true, value: { coef: 1n, scale: 1 } });
    expect(parseDecimal(1e21).ok).toBe(false);
    expect(parseDecimal(NaN).ok).toBe(false);
    expect(parseDecimal(null).ok).toBe(false);
  });

  it('round-trips canonical strings', () => {
    fc.assert(
      fc.property(canonical, (s) => {
        const r = parseDecimal(s);
        expect(r.ok && toString(r.value)).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('rounding', () => {
  it.each([
    ['2.5', 0, 'half_up', '3'], ['2.5', 0, 'half_even', '2'], ['2.5', 0, 'down', '2'],
    ['3.5', 0, 'half_even', '4'], ['2.51', 0, 'half_even', '3'], ['2.49', 0, 'half_up', '2'],
    ['1.005', 2, 'half_up', '1.01'], ['1.005', 2, 'half_even', '1.00'], ['1.015', 2, 'half_even', '1.02'],
    ['1.5', 3, 'down', '1.500'], ['0.0049', 2, 'half_up', '0.00'],
  ] as const)('%s to %i (%s) = %s', (s, scale, m, want) => {
    expect(toFixed(d(s), scale, m)).toBe(want);
  });

  it('is symmetric for negatives (half_up is away from zero, down toward zero)', () => {
    const neg = (s: string): Decimal => sub(decimal(0n, 0), d(s));
    expect(toString(round(neg('2.5'), 0, 'half_up'))).toBe('-3');
    expect(toString(round(neg('2.5'), 0, 'half_even'))).toBe('-2');
    expect(toString(round(neg('2.9'), 0, 'down'))).toBe('-2');
    expect(toString(neg('0.05'))).toBe('-0.05');
  });

  it('half_up and half_even differ only on exact ties, where half_even is even', () => {
    fc.assert(
      fc.property(signed, fc.integer({ min: 0, max: 12 }), (x, s) => {
        const up = round(x, s, 'half_up');
        const even = round(x, s, 'half_even');
        if (up.coef === even.coef) return;
        expect(s).toBeLessThan(x.scale);
        const unit = p10(x.scale - s);
        const rem = (x.coef < 0n ? -x.coef : x.coef) % unit;
        expect(rem * 2n).toBe(unit);
        expect(even.coef % 2n).toBe(0n);
      }),
      { numRuns: 3000 },
    );
  });

  it('matches the BigInt reference', () => {
    fc.assert(
      fc.property(nonNeg, fc.integer({ min: 0, max: 14 }), mode, (x, s, m) => {
        const want = s >= x.scale ? x.coef * p10(s - x.scale) : refRound(x.coef, p10(x.scale - s), m);
        expect(round(x, s, m)).toEqual({ coef: want, scale: s });
      }),
      { numRuns: 3000 },
    );
  });
});

describe('arithmetic', () => {
  it('mul is exact and div undoes it', () => {
    fc.assert(
      fc.property(signed, signed, mode, (a, b, m) => {
        fc.pre(!isZero(b));
        const prod = mul(a, b);
        expect(prod.scale).toBe(a.scale + b.scale);
        expect(compare(div(prod, b, a.scale, m), a)).toBe(0);
        expect(compare(div(prod, b, a.scale + 3, m), a)).toBe(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('div matches the BigInt reference', () => {
    fc.assert(
      fc.property(nonNeg, nonNeg, fc.integer({ min: 0, max: 20 }), mode, (a, b, s, m) => {
        fc.pre(!isZero(b));
        const want = refRound(a.coef * p10(s + b.scale), b.coef * p10(a.scale), m);
        expect(div(a, b, s, m)).toEqual({ coef: want, scale: s });
      }),
      { numRuns: 3000 },
    );
  });

  it('div handles signs and known values', () => {
    expect(toString(div(d('1'), d('3'), 6, 'half_up'))).toBe('0.333333');
    expect(toString(div(d('2'), d('3'), 6, 'down'))).toBe('0.666666');
    expect(toString(div(d('2'), d('3'), 6, 'half_even'))).toBe('0.666667');
    const minus3 = decimal(-3n, 0);
    expect(toString(div(d('2'), minus3, 2, 'half_up'))).toBe('-0.67');
    expect(toString(div(decimal(-2n, 0), minus3, 2, 'half_up'))).toBe('0.67');
    expect(() => div(d('1'), d('0.00'), 2, 'half_up')).toThrow(RangeError);
  });

  it('add, sub, compare align scales', () => {
    expect(toString(add(d('1.5'), d('0.25')))).toBe('1.75');
    expect(toString(sub(d('1.5'), d('2.25')))).toBe('-0.75');
    expect(compare(d('1.50'), d('1.5'))).toBe(0);
    expect(compare(d('1.49'), d('1.5'))).toBe(-1);
    expect(compare(d('10'), d('9.999'))).toBe(1);
    expect(toString(normalize(d('1.500')))).toBe('1.5');
    expect(toString(normalize(d('100')))).toBe('100');
  });

  it('values are immutable', () => {
    expect(Object.isFrozen(d('1.5'))).toBe(true);
    expect(Object.isFrozen(mul(d('1.5'), d('2')))).toBe(true);
  });
});

describe('minor units and conversion', () => {
  it('fromMinor / toMinor', () => {
    expect(toString(fromMinor(5000, 2))).toBe('50.00');
    expect(toString(fromMinor(-5, 2))).toBe('-0.05');
    expect(toMinor(d('50.005'), 2, 'half_up')).toEqual({ ok: true, value: 5001 });
    expect(toMinor(d('50.005'), 2, 'half_even')).toEqual({ ok: true, value: 5000 });
    const big = toMinor(d('90071992547409.92'), 2, 'down');
    expect(big.ok === false && big.error.reason).toBe('too_large');
    expect(() => fromMinor(1.5, 2)).toThrow(RangeError);
  });

  it('does what floats get wrong', () => {
    // 1.005 * 100 is 100.49999999999999 in binary floating point.
    expect(convertMinor(1, 0, d('1.005'), 2, 'half_up')).toEqual({ ok: true, value: 101 });
    // ARS 10000.00 at 0.00087 USD/ARS = USD 8.70 exactly.
    expect(convertMinor(1_000_000, 2, d('0.00087'), 2, 'half_up')).toEqual({ ok: true, value: 870 });
    // BRL 0.10 * 3 at rate 1 (0.1 * 3 = 0.30000000000000004 as floats).
    expect(convertMinor(10, 2, d('3'), 2, 'down')).toEqual({ ok: true, value: 30 });
  });

  const minor = fc.integer({ min: 0, max: 10 ** 12 });
  const exp = fc.constantFrom(0, 2);
  const rate = fc.record({ coef: fc.bigInt({ min: 1n, max: p10(9) }), scale: fc.integer({ min: 0, max: 8 }) }).map((r) => decimal(r.coef, r.scale));

  it('converting through a rate equals the BigInt reference, both ways', () => {
    fc.assert(
      fc.property(minor, exp, rate, exp, mode, (n, e1, r, e2, m) => {
        const fwd = convertMinor(n, e1, r, e2, m);
        const wantFwd = refRound(BigInt(n) * r.coef * p10(e2), p10(e1 + r.scale), m);
        if (wantFwd > BigInt(Number.MAX_SAFE_INTEGER)) {
          expect(fwd.ok === false && fwd.error.reason).toBe('too_large');
          return;
        }
        expect(fwd).toEqual({ ok: true, value: Number(wantFwd) });
        if (!fwd.ok) return;
        const back = toMinor(div(fromMinor(fwd.value, e2), r, e1, m), e1, m);
        const wantBack = refRound(BigInt(fwd.value) * p10(e1 + r.scale), r.coef * p10(e2), m);
        expect(back).toEqual({ ok: true, value: Number(wantBack) });
        // Deterministic: the same inputs never give another answer.
        expect(convertMinor(n, e1, r, e2, m)).toEqual(fwd);
      }),
      { numRuns: 3000 },
    );
  });

  it('never drifts when the target scale can hold the exact product', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 6 }), exp, rate, mode, (n, e1, r, m) => {
        const e2 = e1 + r.scale;
        const fwd = convertMinor(n, e1, r, e2, m);
        fc.pre(fwd.ok); // else too large for a safe integer
        if (!fwd.ok) return;
        const back = toMinor(div(fromMinor(fwd.value, e2), r, e1, m), e1, m);
        expect(back).toEqual({ ok: true, value: n });
      }),
      { numRuns: 3000 },
    );
  });
});

describe('toNumberForJson', () => {
  it.each([
    ['0.00087', 0.00087], ['1.50', 1.5], ['100', 100], ['0', 0], ['123456789012345', 123456789012345],
    ['5.12', 5.12],
  ])('%s -> %d', (s, n) => {
    expect(toNumberForJson(d(s))).toBe(n);
  });

  it.each(['1234567890123456', '0.1234567890123456', '0.0000001', '1000000000000000000000'])('refuses %s', (s) => {
    expect(() => toNumberForJson(d(s))).toThrow(RangeError);
  });

  it('prints back the same digits for any value up to 15 significant digits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: p10(15) - 1n }), fc.integer({ min: 0, max: 6 }), (c, s) => {
        const x = decimal(c, s);
        expect(String(toNumberForJson(x))).toBe(toString(normalize(x)));
      }),
      { numRuns: 3000 },
    );
  });
});
