import { describe, expect, it } from 'vitest';
import { CURRENCY_CODES, getCurrency, isCurrencyCode } from '../../src/core/currency.js';

describe('currency table', () => {
  it.each([
    ['ARS', '032', 2],
    ['BRL', '986', 2],
    ['MXN', '484', 2],
    ['CLP', '152', 0],
    ['UYU', '858', 2],
    ['COP', '170', 0],
    ['PEN', '604', 2],
    ['USD', '840', 2],
  ])('%s is %s with exponent %i', (code, numeric, exponent) => {
    expect(getCurrency(code)).toEqual({ code, numeric, exponent });
    expect(isCurrencyCode(code)).toBe(true);
  });

  it('is closed', () => {
    expect(CURRENCY_CODES).toHaveLength(8);
    for (const s of ['EUR', 'ars', '', 'toString', '__proto__', 'constructor']) {
      expect(isCurrencyCode(s)).toBe(false);
      expect(getCurrency(s)).toBeUndefined();
    }
  });

  it('is immutable', () => {
    const c = getCurrency('ARS');
    expect(Object.isFrozen(c)).toBe(true);
  });
});
