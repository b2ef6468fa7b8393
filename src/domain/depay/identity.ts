import { randomInt } from 'node:crypto';
import { cuitFor } from '../qr/payloads.js';

/**
 * Identifiers printed in Depay payloads and callbacks. Argentine ones carry
 * valid check digits (a wallet or a test may check them); elsewhere they are
 * plausible digit strings of the seed's lengths.
 */

/** A CBU/CVU: 22 digits in two blocks, each ending in a check digit (BCRA weights 7139 / 3971). */
export function withCbuChecks(bank7: string, account13: string): string {
  const check = (digits: string, w: number[]) => String((10 - ([...digits].reduce((a, d, i) => a + Number(d) * w[i % w.length]!, 0) % 10)) % 10);
  return bank7 + check(bank7, [7, 1, 3, 9]) + account13 + check(account13, [3, 9, 7, 1]);
}

/** The collector's CVU: the PSP block of the seed's sample (0000531), the account from the seller id. */
export function collectorCvu(sellerId: number): string {
  return withCbuChecks('0000531', String(sellerId % 10 ** 13).padStart(13, '0'));
}

export const collectorCuit = (sellerId: number): string => cuitFor(sellerId);

const digits = (n: number): string => Array.from({ length: n }, () => String(randomInt(10))).join('');

/** An Argentine CUIL for a person: prefix 20/23/27, 8 digits, mod-11 check. */
function cuil(): string {
  const w = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  for (;;) {
    const body = ['20', '27'][randomInt(2)]! + digits(8);
    const check = (11 - ([...body].reduce((a, d, i) => a + Number(d) * w[i]!, 0) % 11)) % 11;
    if (check < 10) return body + String(check);
  }
}

/** A Brazilian CPF: 9 digits and two mod-11 check digits. */
function cpf(): string {
  let s = digits(9);
  for (const len of [9, 10]) {
    const sum = [...s].reduce((a, d, i) => a + Number(d) * (len + 1 - i), 0);
    const r = (sum * 10) % 11;
    s += String(r === 10 ? 0 : r);
  }
  return s;
}

/** Payer facts when the wallet gave none (seed example: user_tax_id "304658985", user_account of 20 digits). */
export function generatedPayer(country: string): { taxId: string; account: string; name: string } {
  if (country === 'AR') return { taxId: cuil(), account: withCbuChecks('0000003', digits(13)), name: 'Test Payer' };
  if (country === 'BR') return { taxId: cpf(), account: digits(20), name: 'Test Payer' };
  return { taxId: digits(9), account: digits(20), name: 'Test Payer' };
}
