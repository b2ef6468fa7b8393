import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CURRENCY_CODES, getCurrency, type CurrencyCode } from '../../src/core/currency.js';
import { decimal, toString } from '../../src/core/decimal.js';
import { crossRate, lockRate, printedRate, refundUserShare, toUser, type LockedRate } from '../../src/domain/depay/fx.js';
import { DEFAULT_DEPAY_RATES, parseDepayRates, type RateTable } from '../../src/config/depay-rates.js';
import { lastDigit, stageOutcome } from '../../src/domain/depay/stage.js';

/** A rate as the config accepts it: 0.1 to 100000 per USD, up to 8 decimals. */
const rate = fc
  .tuple(fc.bigInt({ min: 1n, max: 10_000_000_000_000n }), fc.integer({ min: 0, max: 8 }))
  .map(([coef, scale]) => toString(decimal(coef, scale)))
  .filter((s) => Number(s) >= 0.1 && Number(s) <= 100000);
const currency = fc.constantFrom(...CURRENCY_CODES);
const exp = (c: CurrencyCode) => getCurrency(c)!.exponent;

function locked(l: CurrencyCode, u: CurrencyCode, lr: string, ur: string): LockedRate {
  return { localCurrency: l, userCurrency: u, localPerUsd: l === 'USD' ? '1' : lr, userPerUsd: u === 'USD' ? '1' : ur };
}
/** A decimal string as an exact fraction num/den. */
function frac(s: string): [bigint, bigint] {
  const [i, f = ''] = s.split('.');
  return [BigInt(i! + f), 10n ** BigInt(f.length)];
}

describe('Depay FX math on exact decimals', () => {
  it('user_amount is the exact product rounded half-up to the user minor unit (checked by cross-multiplication, no floats)', () => {
    fc.assert(
      fc.property(currency, currency, rate, rate, fc.integer({ min: 1, max: 1_000_000_000 }), (l, u, lr, ur, minor) => {
        const r = locked(l, u, lr, ur);
        const got = toUser(minor, r);
        if (!got.ok) return;
        // exact user minor = minor / 10^le * U / L * 10^ue = N / D
        const [un, ud] = frac(r.userPerUsd);
        const [ln, ld] = frac(r.localPerUsd);
        const N = BigInt(minor) * un * ld * 10n ** BigInt(exp(u));
        const D = 10n ** BigInt(exp(l)) * ud * ln;
        const v = BigInt(got.value);
        // half-up: v - 1/2 <= N/D < v + 1/2
        expect((2n * v - 1n) * D <= 2n * N).toBe(true);
        expect(2n * N < (2n * v + 1n) * D).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('a rate written with more trailing zeros converts the same (no representation drift)', () => {
    fc.assert(
      fc.property(currency, currency, rate, rate, fc.integer({ min: 1, max: 1_000_000_000 }), fc.integer({ min: 1, max: 4 }), (l, u, lr, ur, minor, pad) => {
        const padded = (s: string) => (s.includes('.') ? s + '0'.repeat(pad) : `${s}.${'0'.repeat(pad)}`);
        const a = toUser(minor, locked(l, u, lr, ur));
        const b = toUser(minor, locked(l, u, padded(lr), padded(ur)));
        expect(b).toEqual(a);
      }),
    );
  });

  it('refund shares at the locked rate add up to exactly user_amount, each within what remains', () => {
    fc.assert(
      fc.property(currency, currency, rate, rate, fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 12 }), (l, u, lr, ur, parts) => {
        const r = locked(l, u, lr, ur);
        const total = parts.reduce((a, b) => a + b, 0);
        const user = toUser(total, r);
        if (!user.ok) return;
        let before = 0;
        let paidBack = 0;
        for (const p of parts) {
          const share = refundUserShare(before, p, r);
          if (!share.ok) return;
          expect(share.value).toBeGreaterThanOrEqual(0);
          paidBack += share.value;
          expect(paidBack).toBeLessThanOrEqual(user.value);
          before += p;
        }
        expect(paidBack).toBe(user.value);
      }),
    );
  });

  it('exchange_rate: local per one user unit, half-up to 4 decimals or to two significant digits, within half a unit of its last place', () => {
    fc.assert(
      fc.property(currency, currency, rate, rate, (l, u, lr, ur) => {
        const r = locked(l, u, lr, ur);
        const p = printedRate(r);
        expect(p.scale).toBeGreaterThanOrEqual(4);
        if (p.scale > 4) expect(p.coef.toString().length).toBe(2);
        const [ln, ld] = frac(r.localPerUsd);
        const [un, ud] = frac(r.userPerUsd);
        // |p - L/U| <= 1/2 * 10^-scale  ⇔  |2·p.coef·D - 2·N·10^scale| <= D, with L/U = N/D
        const N = ln * ud;
        const D = ld * un;
        const diff = 2n * p.coef * D - 2n * N * 10n ** BigInt(p.scale);
        expect((diff < 0n ? -diff : diff) <= D).toBe(true);
        // It always prints as a plain JSON number.
        expect(String(Number(toString(p)))).not.toMatch(/e/);
      }),
    );
  });

  it('the exchange-rates endpoint\'s two rates are inverses within their rounding', () => {
    fc.assert(
      fc.property(currency, currency, fc.integer({ min: 2, max: 8 }), (b, t, precision) => {
        const f = crossRate(DEFAULT_DEPAY_RATES, b, t, precision);
        const back = crossRate(DEFAULT_DEPAY_RATES, t, b, precision);
        expect(f.scale).toBe(precision);
        expect(back.scale).toBe(precision);
        // Each is within half a unit of its last place, so their product is 1 within that error (a test bound, not money).
        const x = Number(DEFAULT_DEPAY_RATES[t]) / Number(DEFAULT_DEPAY_RATES[b]);
        const half = 0.5 * 10 ** -precision;
        expect(Math.abs(Number(toString(f)) * Number(toString(back)) - 1)).toBeLessThanOrEqual(half * (x + 1 / x) + half * half + 1e-12);
        if (b === t) expect([toString(f), toString(back)]).toEqual([toString(decimal(10n ** BigInt(precision), precision)), toString(decimal(10n ** BigInt(precision), precision))]);
      }),
    );
  });

  it('reproduces the seed: 10 BRL from AR is 2883.91 ARS at 0.0035, and the reference\'s 1 BRL = 0.17 USD', () => {
    const r = lockRate(DEFAULT_DEPAY_RATES, 'BRL', 'ARS');
    expect(toUser(1000, r)).toEqual({ ok: true, value: 288391 });
    expect(toString(printedRate(r))).toBe('0.0035');
    expect(toString(crossRate(DEFAULT_DEPAY_RATES, 'BRL', 'USD', 2))).toBe('0.17');
    expect(toString(crossRate(DEFAULT_DEPAY_RATES, 'USD', 'BRL', 2))).toBe('5.86');
  });

  it('a float pipeline would drift where the decimal one does not', () => {
    // 0.1 + 0.2 style: 1.005 BRL-per-unit style ties round up exactly, where floats round down.
    const r: LockedRate = { localCurrency: 'USD', userCurrency: 'USD', localPerUsd: '1', userPerUsd: '1.005' };
    expect(toUser(100, r)).toEqual({ ok: true, value: 101 });
    expect(Math.round(1 * 1.005 * 100)).toBe(100);
  });
});

describe('Depay stage digit and rate table', () => {
  it('the last digit is that of the shortest decimal the amount is written in', () => {
    expect(lastDigit(100800, 'ARS')).toBe(8);
    expect(lastDigit(1058, 'BRL')).toBe(8);
    expect(lastDigit(1080, 'BRL')).toBe(8);
    expect(lastDigit(1050, 'BRL')).toBe(5);
    expect(lastDigit(1009, 'CLP')).toBe(9);
    expect([stageOutcome(100000, 'ARS'), stageOutcome(100800, 'ARS'), stageOutcome(100900, 'ARS')]).toEqual(['COMPLETED', 'CANCELED', 'FAILED']);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e12 }), (minor) => {
        const d = lastDigit(minor, 'BRL');
        const text = (minor / 100).toString();
        expect(d).toBe(Number(text[text.length - 1]));
      }),
    );
  });

  it('CAJA_DEPAY_RATES overrides the defaults and names every problem', () => {
    const ok = parseDepayRates('ARS=2000, CLP=950.5');
    expect(ok.ok && (ok.value as RateTable).ARS).toBe('2000');
    expect(ok.ok && (ok.value as RateTable).BRL).toBe('5.86');
    const bad = parseDepayRates('ARS=abc,EUR=1,USD=2,BRL=0.01,MXN=1.123456789,junk');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toHaveLength(6);
  });
});
