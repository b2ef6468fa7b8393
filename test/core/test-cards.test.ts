import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CARD_BRANDS, CARDHOLDER_OUTCOMES, cardByNumber, cardDigits, outcomeFor, TEST_CARDS } from '../../src/domain/terminals/test-cards.js';

const luhn = (digits: string) =>
  [...digits].reverse().reduce((sum, ch, i) => {
    let d = Number(ch);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    return sum + d;
  }, 0) % 10 === 0;

describe("Mercado Pago's test cards and cardholders", () => {
  it('maps the documented cardholder names to their outcomes', () => {
    expect(Object.fromEntries(Object.entries(CARDHOLDER_OUTCOMES).map(([k, v]) => [k, v.payment]))).toEqual({
      APRO: 'accredited',
      OTHE: 'cc_rejected_other_reason',
      CALL: 'cc_rejected_call_for_authorize',
      FUND: 'cc_rejected_insufficient_amount',
      SECU: 'cc_rejected_bad_filled_security_code',
      EXPI: 'cc_rejected_bad_filled_date',
      FORM: 'cc_rejected_bad_filled_other',
    });
    expect(CARDHOLDER_OUTCOMES.APRO.approved).toBe(true);
    expect(Object.values(CARDHOLDER_OUTCOMES).filter((o) => o.approved)).toHaveLength(1);
  });

  it('Point failure details are among those the Orders simulate endpoint documents', () => {
    const failed = ['bad_filled_card_data', 'required_call_for_authorize', 'card_disabled', 'high_risk', 'insufficient_amount', 'invalid_installments', 'max_attempts_exceeded', 'rejected_other_reason', 'processing_error'];
    for (const o of Object.values(CARDHOLDER_OUTCOMES)) if (!o.approved) expect(failed).toContain(o.point);
  });

  it('reads the code as the name or its first word, in any case; other names are approved', () => {
    expect(outcomeFor('FUND').code).toBe('FUND');
    expect(outcomeFor('  call  Perez ').code).toBe('CALL');
    expect(outcomeFor('Secu').code).toBe('SECU');
    expect(outcomeFor('Maria Gomez').code).toBe('APRO');
    expect(outcomeFor('').code).toBe('APRO');
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (name) => Object.keys(CARDHOLDER_OUTCOMES).includes(outcomeFor(name).code)));
  });

  it('the documented numbers per brand, Luhn-valid, found by number with spaces', () => {
    expect(Object.fromEntries(CARD_BRANDS.map((b) => [b, TEST_CARDS[b].number]))).toEqual({
      visa: '4509953566233704',
      master: '5031755734530604',
      amex: '371180303257522',
      debvisa: '4002768694395619',
      debmaster: '5287338310253304',
    });
    for (const b of CARD_BRANDS) expect(luhn(TEST_CARDS[b].number), b).toBe(true);
    expect(cardByNumber('3711 803032 57522')?.brand).toBe('amex');
    expect(cardByNumber('4002-7686-9439-5619')).toMatchObject({ brand: 'debvisa', payment_type_id: 'debit_card' });
    expect(cardByNumber('4111111111111111')).toBeUndefined();
    expect(cardDigits(TEST_CARDS.master)).toEqual({ first_six_digits: '503175', last_four_digits: '0604' });
  });
});
