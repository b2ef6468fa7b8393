import { encodeEmv, type EmvObject } from '../../core/emv/index.js';
import { getCurrency } from '../../core/currency.js';
import { formatAmount } from '../../core/money.js';
import { asciiField } from '../../core/text.js';
import type { Site } from '../sellers/sites.js';

/**
 * Mercado Pago QR payloads as caja issues them (reference: qr-payload-standards
 * §2). MLB gets a Pix-shaped BR Code (template 26, GUI br.gov.bcb.pix); every
 * other site gets the structure observed on real Argentine Mercado Pago codes
 * (template 43 with GUI com.mercadolibre and a URL, CUIT in 50, MCC 9700).
 * The token that identifies the code to caja travels where a real code keeps
 * its identifier: the Pix key or the location URL's last segment.
 */
export interface MerchantFacts {
  site: Site;
  /** Store (doing-business-as) name; folded to ASCII, 25 characters (EMV tag 59). */
  name: string;
  /** City; folded to ASCII, 15 characters (EMV tag 60). */
  city: string;
  /** CUIT for MLA (tag 50); omitted elsewhere. */
  taxId?: string | undefined;
}

const PIX_GUI = 'br.gov.bcb.pix';
const MP_GUI = 'com.mercadolibre';
// BCB examples print 0000 when no MCC applies; real Mercado Pago AR codes print 9700.
const PIX_MCC = '0000';
const MP_MCC = '9700';

function tail(m: MerchantFacts, pix: boolean): EmvObject[] {
  const currency = getCurrency(m.site.currency);
  if (!currency) throw new Error(`no currency ${m.site.currency}`);
  const name = asciiField(m.name, 25) || 'CAJA';
  const city = asciiField(m.city, 15) || asciiField(m.site.defaultCity, 15);
  return [
    { id: '52', value: pix ? PIX_MCC : MP_MCC },
    { id: '53', value: currency.numeric },
    { id: '58', value: m.site.countryId },
    { id: '59', value: pix ? name.toUpperCase() : name },
    { id: '60', value: pix ? city.toUpperCase() : city },
  ];
}

/** The static QR printed on a POS (point of initiation 11): no amount; the open order is looked up by POS. */
export function posStaticPayload(m: MerchantFacts, p: { token: string; publicUrl: string; posExternalId: string }): string {
  const label = asciiField(p.posExternalId, 25);
  if (m.site.id === 'MLB') {
    return encodeEmv([
      { id: '01', value: '11' },
      { id: '26', fields: [{ id: '00', value: PIX_GUI }, { id: '01', value: p.token }] },
      ...tail(m, true),
      { id: '62', fields: [{ id: '05', value: label }] },
    ]);
  }
  return encodeEmv([
    { id: '01', value: '11' },
    { id: '43', fields: [{ id: '00', value: MP_GUI }, { id: '01', value: `${p.publicUrl}/qr/${p.token}` }] },
    ...(m.taxId ? [{ id: '50', fields: [{ id: '00', value: m.taxId }] }] : []),
    ...tail(m, false),
    { id: '62', fields: [{ id: '07', value: label }] },
  ]);
}

/** A one-order QR (point of initiation 12) carrying the amount and the order's token. */
export function dynamicPayload(
  m: MerchantFacts,
  p: { token: string; publicUrl: string; amountMinor: number; posExternalId: string },
): string {
  const currency = getCurrency(m.site.currency)!;
  const amount = { id: '54', value: formatAmount(p.amountMinor, currency.exponent) };
  if (m.site.id === 'MLB') {
    // Dynamic Pix: the payload location (tag 26.25) has no scheme and 62.05 is "***" (BCB manual §6.2).
    const host = p.publicUrl.replace(/^https?:\/\//, '');
    return encodeEmv([
      { id: '01', value: '12' },
      { id: '26', fields: [{ id: '00', value: PIX_GUI }, { id: '25', value: `${host}/pix/v2/${p.token}` }] },
      ...tail(m, true).slice(0, 2),
      amount,
      ...tail(m, true).slice(2),
      { id: '62', fields: [{ id: '05', value: '***' }] },
    ]);
  }
  return encodeEmv([
    { id: '01', value: '12' },
    { id: '43', fields: [{ id: '00', value: MP_GUI }, { id: '01', value: `${p.publicUrl}/qr/${p.token}` }] },
    ...(m.taxId ? [{ id: '50', fields: [{ id: '00', value: m.taxId }] }] : []),
    ...tail(m, false).slice(0, 2),
    amount,
    ...tail(m, false).slice(2),
    { id: '62', fields: [{ id: '05', value: p.token }, { id: '07', value: asciiField(p.posExternalId, 25) }] },
  ]);
}

/** An Argentine CUIT (11 digits, mod-11 check digit) derived from the seller id: a company prefix whose check digit exists. */
export function cuitFor(sellerId: number): string {
  const weights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  for (const prefix of ['30', '33', '34']) {
    const body = `${prefix}${String(sellerId % 100_000_000).padStart(8, '0')}`;
    const sum = [...body].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
    const check = (11 - (sum % 11)) % 11;
    if (check !== 10) return body + String(check);
  }
  throw new Error('unreachable: one of three prefixes always has a check digit');
}
