import { getCurrency } from '../../core/currency.js';
import { encodeEmv, type EmvObject } from '../../core/emv/index.js';
import { randomToken } from '../../core/ids.js';
import { formatAmount } from '../../core/money.js';
import { asciiField } from '../../core/text.js';
import type { DepayCountry } from './countries.js';
import { collectorCuit, collectorCvu } from './identity.js';

/**
 * The QR profile: qr_data in the format the payer's wallet in `qr_from` reads
 * (qr-payload-standards §2, §3). Every QR is one order, so unlike the seed's
 * open-amount samples it carries the amount (54) and says so with 01 = "12".
 */
export interface DepayQrInput {
  sellerId: number;
  /** Collector (the seller); folded to ASCII, 25 characters (tag 59). */
  merchantName: string;
  country: DepayCountry;
  userAmountMinor: number;
  posExternalReference: string;
  /** caja's public URL: the Pix location lives under it. */
  publicUrl: string;
}

const PIX_GUI = 'br.gov.bcb.pix';
// Template 26 holds at most 99 characters: 18 for the GUI, 4 for 25's id and length.
const PIX_URL_MAX = 77;

/**
 * Argentine interoperable structure, modelled on the seed's valid Depay sample
 * (c): 02 placeholder, 41 acquirer (com.TESTbind, 98, 99), 43.00 the order's
 * 32-character id (caja's token), 50 CUIT, 51 CVU, 52 MCC 5734, 62.07 the
 * terminal, 81.00 "A054" copied as seen (its meaning is not public).
 */
function arPayload(q: DepayQrInput, amount: EmvObject, currency: string): { payload: string; token: string } {
  const cuit = collectorCuit(q.sellerId);
  const token = `B${String(q.sellerId % 10 ** 11).padStart(11, '0')}OD${randomToken(18)}`;
  const name = asciiField(q.merchantName, 25) || 'Depay';
  const objects: EmvObject[] = [
    { id: '01', value: '12' },
    { id: '02', value: '00000000' },
    { id: '41', fields: [{ id: '00', value: 'com.TESTbind' }, { id: '98', value: cuit }, { id: '99', value: '01' }] },
    { id: '43', fields: [{ id: '00', value: token }] },
    { id: '50', fields: [{ id: '00', value: cuit }] },
    { id: '51', fields: [{ id: '00', value: collectorCvu(q.sellerId) }] },
    { id: '52', value: '5734' },
    { id: '53', value: currency },
    amount,
    { id: '58', value: q.country.code },
    { id: '59', value: name },
    { id: '60', value: asciiField(q.country.city, 15) },
    ...(q.country.postalCode ? [{ id: '61', value: q.country.postalCode }] : []),
    { id: '62', fields: [{ id: '07', value: asciiField(q.posExternalReference, 25) || 'POS' }] },
    { id: '81', fields: [{ id: '00', value: 'A054' }] },
  ];
  return { payload: encodeEmv(objects), token };
}

/** Dynamic Pix (BCB manual §6.2): 26.25 a location without scheme whose last segment is the token, 62.05 "***". */
function pixPayload(q: DepayQrInput, amount: EmvObject, currency: string): { payload: string; token: string } {
  const prefix = `${q.publicUrl.replace(/^https?:\/\//, '')}/depay/`;
  const token = randomToken(Math.min(32, PIX_URL_MAX - prefix.length));
  const objects: EmvObject[] = [
    { id: '01', value: '12' },
    { id: '26', fields: [{ id: '00', value: PIX_GUI }, { id: '25', value: prefix + token }] },
    { id: '52', value: '0000' },
    { id: '53', value: currency },
    amount,
    { id: '58', value: 'BR' },
    { id: '59', value: (asciiField(q.merchantName, 25) || 'DEPAY').toUpperCase() },
    { id: '60', value: asciiField(q.country.city, 15).toUpperCase() },
    { id: '62', fields: [{ id: '05', value: '***' }] },
  ];
  return { payload: encodeEmv(objects), token };
}

export function depayQr(q: DepayQrInput): { payload: string; token: string } {
  const currency = getCurrency(q.country.currency)!;
  const amount: EmvObject = { id: '54', value: formatAmount(q.userAmountMinor, currency.exponent) };
  return q.country.profile === 'pix' ? pixPayload(q, amount, currency.numeric) : arPayload(q, amount, currency.numeric);
}
