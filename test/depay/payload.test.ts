import { beforeAll, describe, expect, it } from 'vitest';
import { hasError, isDynamicPix, parsePix } from 'pix-utils';
import { crc16ccitt, findField, parseEmv, type EmvObject } from '../../src/core/emv/index.js';
import { tokenOf } from '../../src/domain/qr/registry.js';
import { testbed } from '../support/harness.js';
import { createQr, depaySeller, type DepaySeller } from './fixtures.js';

function emv(payload: string): EmvObject[] {
  const parsed = parseEmv(payload);
  if (!parsed.ok) throw new Error(`does not parse: ${parsed.error.code} ${parsed.error.message}`);
  // The CRC is recomputed here too, independently of the parser.
  expect(payload.slice(-4)).toBe(crc16ccitt(payload.slice(0, -4)));
  return parsed.value.objects;
}

/** CBU/CVU check digits (BCRA): blocks of 8 and 14 digits, each ending in its check. */
function validCvu(s: string): boolean {
  const check = (d: string, w: number[]) => (10 - ([...d].reduce((a, c, i) => a + Number(c) * w[i % 4]!, 0) % 10)) % 10;
  return /^\d{22}$/.test(s) && check(s.slice(0, 7), [7, 1, 3, 9]) === Number(s[7]) && check(s.slice(8, 21), [3, 9, 7, 1]) === Number(s[21]);
}

function validCuit(s: string): boolean {
  const w = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const check = (11 - (w.reduce((a, k, i) => a + k * Number(s[i]), 0) % 11)) % 11;
  return /^\d{11}$/.test(s) && check < 10 && check === Number(s[10]);
}

describe('Depay qr_data: the payer country\'s format (qr-payload-standards §2)', () => {
  const caja = testbed();
  let s: DepaySeller;
  beforeAll(async () => {
    s = await depaySeller(caja, { autoOutcome: false, name: 'Panadería Ñandú' });
  });

  it('qr_from AR: the Argentine interoperable structure of the seed\'s valid Depay sample, with the amount', async () => {
    const q = await createQr(caja, s, { pos_external_reference: 'S17409' });
    const o = emv(q.qr_data);
    expect(o.map((x) => x.id)).toEqual(['00', '01', '02', '41', '43', '50', '51', '52', '53', '54', '58', '59', '60', '61', '62', '81']);
    expect(findField(o, '01')).toBe('12');
    expect(findField(o, '02')).toBe('00000000');
    expect(findField(o, '41.00')).toBe('com.TESTbind');
    expect(findField(o, '41.99')).toBe('01');
    expect(findField(o, '43.00')).toMatch(/^B\d{11}OD[0-9A-Z]{18}$/);
    expect(validCuit(findField(o, '50.00')!)).toBe(true);
    expect(validCvu(findField(o, '51.00')!)).toBe(true);
    // The seed sample's own CVU passes the same check, so the check can fail.
    expect(validCvu('0000531905054067220517')).toBe(true);
    expect(validCvu('0000531905054067220518')).toBe(false);
    expect(findField(o, '52')).toBe('5734');
    expect(findField(o, '53')).toBe('032');
    expect(findField(o, '54')).toBe('2883.91');
    expect(findField(o, '58')).toBe('AR');
    expect(findField(o, '59')).toBe('Panaderia Nandu');
    expect(findField(o, '60')).toBe('CABA - Almagro');
    expect(findField(o, '61')).toBe('C1006ACT');
    expect(findField(o, '62.07')).toBe('S17409');
    expect(findField(o, '81.00')).toBe('A054');
    expect(tokenOf(q.qr_data)).toBe(findField(o, '43.00'));
    expect(/^[\x20-\x7e]+$/.test(q.qr_data)).toBe(true);
  });

  it('qr_from BR: a dynamic Pix that pix-utils accepts, in BRL, with the token in the location', async () => {
    const q = await createQr(caja, s, { local_currency: 'ARS', local_country: 'AR', qr_from: 'BR', amount: 1000 });
    const o = emv(q.qr_data);
    expect(findField(o, '01')).toBe('12');
    expect(findField(o, '26.00')).toBe('br.gov.bcb.pix');
    const location = findField(o, '26.25')!;
    expect(location).toMatch(/^caja\.test\/depay\/[0-9A-Z]{18,32}$/);
    expect(findField(o, '53')).toBe('986');
    expect(findField(o, '54')).toMatch(/^\d+\.\d\d$/);
    // Tag 54 is what the payer pays: user_amount rounded to the minor unit (user_amount itself is printed unrounded).
    expect(Math.abs(Number(findField(o, '54')) - q.user_amount)).toBeLessThanOrEqual(0.005);
    expect(findField(o, '62.05')).toBe('***');
    const pix = parsePix(q.qr_data);
    if (hasError(pix)) throw new Error(`pix-utils refused the payload: ${pix.message}`);
    expect(isDynamicPix(pix)).toBe(true);
    expect(pix).toMatchObject({ url: location, merchantName: 'PANADERIA NANDU', countryCode: 'BR', transactionCurrency: '986' });
    expect(tokenOf(q.qr_data)).toBe(location.split('/').pop());
  });

  it('other qr_from countries: the AR-like structure in that country\'s currency', async () => {
    for (const [country, numeric, currency] of [['CL', '152', 'CLP'], ['MX', '484', 'MXN'], ['UY', '858', 'UYU'], ['PE', '604', 'PEN'], ['CO', '170', 'COP'], ['US', '840', 'USD']] as const) {
      const q = await createQr(caja, s, { qr_from: country });
      expect(q.user_currency).toBe(currency);
      const o = emv(q.qr_data);
      expect(findField(o, '58')).toBe(country);
      expect(findField(o, '53')).toBe(numeric);
      expect(findField(o, '61')).toBeUndefined();
      expect(findField(o, '43.00')).toBe(tokenOf(q.qr_data));
      expect(Math.abs(Number(findField(o, '54')) - q.user_amount)).toBeLessThanOrEqual(currency === 'CLP' || currency === 'COP' ? 0.5 : 0.005);
    }
  });

  it('every QR is recorded for the wallet: scanning it finds the order', async () => {
    const q = await createQr(caja, s);
    const res = await caja.request({ method: 'POST', url: '/sandbox/wallet/scan', payload: { qr_data: q.qr_data } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'payable', provider: 'depay', amount: '2883.91', currency: 'ARS', charge: { id: q.order_id } });
    // One character changed (and the CRC fixed up) is not caja's code.
    const forged = q.qr_data.replace('2883.91', '2883.90').slice(0, -4);
    const alt = await caja.request({ method: 'POST', url: '/sandbox/wallet/scan', payload: { qr_data: forged + crc16ccitt(forged) } });
    expect(alt.statusCode).toBe(404);
  });
});
