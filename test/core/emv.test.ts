import { describe, expect, it } from 'vitest';
import { hasError, isDynamicPix, isStaticPix, parsePix } from 'pix-utils';
import {
  crc16ccitt,
  encodeEmv,
  findField,
  parseEmv,
  type EmvObject,
  type EmvParseError,
} from '../../src/core/emv/index.js';

// Published vectors. Annex B.7 is EMVCo MPM v1.0 Annex B, copied verbatim by
// many EMV QR libraries (e.g. .NET/Go/Elixir test suites). BCB §6.1/§6.2 are
// the field-by-field listing in gist matheusb-comp/1efa205b…, concatenated.
const ANNEX_B7 =
  '00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A';
const BCB_STATIC =
  '00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D';
const BCB_6_2 =
  '00020101021226770014BR.GOV.BCB.PIX2555pix.example.com/qr/93598be0-1bd0-4997-8318-81776a1d8a995204000053039865802BR5907EMPRESA6009SAO PAULO62070503***6304EEAB';
// As published, template 62 declares length 08 around the 7-character
// "0503***"; the CRC 170E is over that exact (malformed) text.
const BCB_6_1 =
  '00020126360014BR.GOV.BCB.PIX0114+5511943214321520400005303986540566.665802BR5907EMPRESA6008BRASILIA62080503***6304170E';
// seeds/004: Depay "QR creation Callback Response" qr_code.
const DEPAY =
  '00020101021102080000000041370012com.TESTbind98114668759911499020143360032B00000515988OD000002114079ETA0545015001120322678275512600220000531905054067220517520457345802AR5905Depay6014CABA - Almagro6108C1006ACT530303262100706S1740981080004A0546304924D';
// seeds/003: Mercado Pago docs placeholder, structurally broken (reference §3 a).
const SAMPLE_A =
  '00020101021226580014br.gov.bcb.qr01368ee55a9c-7db3-41e0-a8cd-fbff4d4765b5204000053039865802BR5925PABLO JOSE DE OLIVEIRA CA6009SAO PAULO61088051040062070503***630442E4';
// seeds/004: "bind" dropped from the template-41 GUI (reference §3 b).
const SAMPLE_B =
  '00020101021102080000000041370012com.TEST98113069226478599020143160012B000004551965015001130707101020512600220000531909000067076630520454115802AR5918GRANJAS CARNAVE SA6012BUENOS AIRES61041000530303262100706S0282581050001Z63040F00';

const withCrc = (body: string): string => body + '6304' + crc16ccitt(body + '6304');

function parseErr(payload: string): EmvParseError {
  const r = parseEmv(payload);
  if (r.ok) throw new Error(`expected ${payload} to be rejected`);
  return r.error;
}

describe('crc16ccitt', () => {
  it('matches the CRC-16/CCITT-FALSE check value', () => {
    expect(crc16ccitt('123456789')).toBe('29B1');
  });
  it('zero-pads to four uppercase hex digits', () => {
    expect(crc16ccitt('')).toBe('FFFF');
    // Find an input with a CRC below 0x1000 to exercise the padding.
    const low = Array.from({ length: 5000 }, (_, i) => `x${i}`).find((s) => crc16ccitt(s).startsWith('0'));
    expect(low).toBeDefined();
    expect(crc16ccitt(low!)).toMatch(/^0[0-9A-F]{3}$/);
  });
  it('reproduces the published BCB §6.1 CRC over its literal text', () => {
    expect(crc16ccitt(BCB_6_1.slice(0, -4))).toBe('170E');
  });
});

describe('published vectors parse and re-encode identically', () => {
  const vectors: [string, string, string][] = [
    ['EMVCo Annex B.7', ANNEX_B7, 'A13A'],
    ['BCB Pix static', BCB_STATIC, '1D3D'],
    ['BCB §6.2 dynamic', BCB_6_2, 'EEAB'],
    ['Depay sample', DEPAY, '924D'],
  ];
  it.each(vectors)('%s', (_name, payload, crc) => {
    const r = parseEmv(payload);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.crc).toBe(crc);
    expect(encodeEmv(r.value.objects)).toBe(payload);
  });

  it('Annex B.7: lengths count characters, templates are nested', () => {
    expect(ANNEX_B7).toHaveLength(248);
    const r = parseEmv(ANNEX_B7);
    if (!r.ok) throw new Error(r.error.message);
    expect(findField(r.value.objects, '64.01')).toBe('最佳运输');
    expect(findField(r.value.objects, '64')).toBe('0002ZH0104最佳运输0202北京');
    expect(findField(r.value.objects, '62.07')).toBe('A6008667');
    expect(findField(r.value.objects, '91.00')).toBe('A011223344998877');
    expect(findField(r.value.objects, '59')).toBe('BEST TRANSPORT');
    expect(findField(r.value.objects, '59.00')).toBeUndefined();
    expect(findField(r.value.objects, '65')).toBeUndefined();
  });

  it('Depay sample fields', () => {
    const r = parseEmv(DEPAY);
    if (!r.ok) throw new Error(r.error.message);
    expect(findField(r.value.objects, '41.00')).toBe('com.TESTbind');
    expect(findField(r.value.objects, '50.00')).toBe('20322678275');
    expect(findField(r.value.objects, '62.07')).toBe('S17409');
    expect(findField(r.value.objects, '81.00')).toBe('A054');
  });

  it('BCB §6.1 is malformed as published: template 62 overruns', () => {
    const e = parseErr(BCB_6_1);
    expect(e.code).toBe('truncated');
  });

  it('accepts a lowercase CRC but re-emits uppercase', () => {
    const lower = DEPAY.slice(0, -4) + '924d';
    const r = parseEmv(lower);
    expect(r.ok && r.value.crc).toBe('924d');
    if (r.ok) expect(encodeEmv(r.value.objects)).toBe(DEPAY);
  });
});

describe('corrupted real-world samples', () => {
  it('(a) PABLO JOSE: desynchronised TLV after the 13-character GUI', () => {
    const e = parseErr(SAMPLE_A);
    expect(e).toMatchObject({ code: 'bad_length', path: '04' });
  });
  it('(b) GRANJAS CARNAVE: desynchronised after template 41, phantom second ID 00', () => {
    expect(parseErr(SAMPLE_B)).toMatchObject({ code: 'duplicate_id', path: '00' });
  });
  it('(b) with "bind" restored parses with CRC 0F00', () => {
    const fixed = SAMPLE_B.replace('0012com.TEST98', '0012com.TESTbind98');
    const r = parseEmv(fixed);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.crc).toBe('0F00');
    expect(findField(r.value.objects, '59')).toBe('GRANJAS CARNAVE SA');
    expect(findField(r.value.objects, '50.00')).toBe('30707101020');
    expect(encodeEmv(r.value.objects)).toBe(fixed);
  });
});

describe('one rejection per error code', () => {
  const cases: [string, string, EmvParseError['code'], string][] = [
    ['empty payload', '', 'empty', ''],
    ['format indicator not first', withCrc('5802BR000201'), 'bad_format_indicator', '00'],
    ['format indicator value 02', withCrc('0002025802BR'), 'bad_format_indicator', '00'],
    ['non-digit id at root', withCrc('000201A102XY'), 'bad_id', ''],
    ['non-digit length', withCrc('00020158X2BR'), 'bad_length', '58'],
    ['length 00', withCrc('00020158005802BR'), 'bad_length', '58'],
    ['value runs past the end', '0002015910ABC', 'truncated', '59'],
    ['stray character at the end', DEPAY + '1', 'truncated', ''],
    ['duplicate root id', withCrc('0002015802BR5802BR'), 'duplicate_id', '58'],
    ['duplicate id inside a template', withCrc('00020162140503***0503***'), 'duplicate_id', '62.05'],
    ['no CRC', '0002015802BR', 'missing_crc', ''],
    ['CRC not last', '0002016304ABCD5802BR', 'crc_not_last', '63'],
    ['CRC length 03', '0002015802BR6303ABC', 'bad_crc_length', '63'],
    ['CRC mismatch', DEPAY.slice(0, -1) + 'E', 'crc_mismatch', '63'],
    ['template value runs past its end', withCrc('00020162070599***'), 'bad_template', '62.05'],
    ['non-digit id inside a template', withCrc('0002016204XX01'), 'bad_template', '62'],
    ['length 00 inside a nested template', withCrc('000201620850040000'), 'bad_template', '62.50.00'],
  ];
  it.each(cases)('%s', (_name, payload, code, path) => {
    const e = parseErr(payload);
    expect({ code: e.code, path: e.path }).toEqual({ code, path });
    expect(e.message.length).toBeGreaterThan(10);
    expect(e.position).toBeGreaterThanOrEqual(0);
  });

  it('positions point at the offending characters', () => {
    expect(parseErr(withCrc('000201A102XY')).position).toBe(6);
    expect(parseErr(withCrc('00020158X2BR')).position).toBe(8);
    expect(parseErr(withCrc('00020162070599***')).position).toBe(10);
  });

  it('CRC mismatch names expected and found', () => {
    const e = parseErr(DEPAY.slice(0, -4) + '0000');
    expect(e.message).toContain('0000');
    expect(e.message).toContain('924D');
    expect(e.position).toBe(DEPAY.length - 4);
  });

  it('GUI format violations are not errors (AR codes put a CUIT in 50.00)', () => {
    const r = parseEmv(withCrc('000201501500113070710102081050001Z'));
    expect(r.ok).toBe(true);
  });
});

describe('encodeEmv', () => {
  const base: EmvObject[] = [{ id: '52', value: '0000' }, { id: '00', value: '01' }];
  it('puts 00 first and 63 last, keeps the rest in caller order', () => {
    const s = encodeEmv([{ id: '59', value: 'X' }, ...base]);
    expect(s.startsWith('000201' + '5901X' + '52040000' + '6304')).toBe(true);
    expect(s).toHaveLength(6 + 5 + 8 + 8);
  });
  it('inserts the payload format indicator when omitted', () => {
    expect(encodeEmv([{ id: '58', value: 'BR' }]).startsWith('0002015802BR6304')).toBe(true);
  });
  it('counts code points, not UTF-16 units', () => {
    const s = encodeEmv([{ id: '64', fields: [{ id: '01', value: 'a😀b' }] }]);
    expect(s).toContain('64070103a😀b');
    expect(parseEmv(s).ok).toBe(true);
  });
  it.each<[string, EmvObject[], RegExp]>([
    ['bad id', [{ id: '5', value: 'x' }], /two digits/],
    ['empty value', [{ id: '59', value: '' }], /0 characters/],
    ['value over 99', [{ id: '59', value: 'x'.repeat(100) }], /100 characters/],
    ['template over 99', [{ id: '62', fields: [{ id: '05', value: 'x'.repeat(96) }] }], /62 is 100/],
    ['duplicate id', [{ id: '58', value: 'BR' }, { id: '58', value: 'AR' }], /58 appears twice/],
    ['nested duplicate', [{ id: '62', fields: [{ id: '05', value: 'a' }, { id: '05', value: 'b' }] }], /62\.05 appears twice/],
    ['caller-supplied CRC', [{ id: '63', value: 'ABCD' }], /CRC/],
    ['format indicator 02', [{ id: '00', value: '02' }], /"01"/],
    ['template at a primitive id', [{ id: '59', fields: [{ id: '00', value: 'x' }] }], /primitive/],
    ['raw non-TLV value at a template id', [{ id: '62', value: 'hello' }], /not valid TLV/],
  ])('throws on %s', (_name, objects, message) => {
    expect(() => encodeEmv(objects)).toThrow(message);
  });
});

describe('cross-check with pix-utils', () => {
  it('static Pix built with encodeEmv is accepted with the same fields', () => {
    const payload = encodeEmv([
      { id: '00', value: '01' },
      { id: '26', fields: [{ id: '00', value: 'br.gov.bcb.pix' }, { id: '01', value: 'caja@example.com' }] },
      { id: '52', value: '0000' },
      { id: '53', value: '986' },
      { id: '54', value: '12.34' },
      { id: '58', value: 'BR' },
      { id: '59', value: 'LOJA DA CAJA' },
      { id: '60', value: 'SAO PAULO' },
      { id: '62', fields: [{ id: '05', value: 'TX123' }] },
    ]);
    const pix = parsePix(payload);
    if (hasError(pix)) throw new Error(pix.message);
    expect(isStaticPix(pix)).toBe(true);
    expect(pix).toMatchObject({
      pixKey: 'caja@example.com', transactionAmount: 12.34, merchantName: 'LOJA DA CAJA',
      merchantCity: 'SAO PAULO', txid: 'TX123', countryCode: 'BR', transactionCurrency: '986',
    });
  });
  it('dynamic Pix built with encodeEmv is accepted with the same fields', () => {
    const url = 'pix.example.com/qr/v2/9d36b84fc70b478fb95c12729b90ca25';
    const payload = encodeEmv([
      { id: '00', value: '01' },
      { id: '01', value: '12' },
      { id: '26', fields: [{ id: '00', value: 'br.gov.bcb.pix' }, { id: '25', value: url }] },
      { id: '52', value: '0000' },
      { id: '53', value: '986' },
      { id: '54', value: '5.00' },
      { id: '58', value: 'BR' },
      { id: '59', value: 'LOJA DA CAJA' },
      { id: '60', value: 'BRASILIA' },
      { id: '62', fields: [{ id: '05', value: '***' }] },
    ]);
    const pix = parsePix(payload);
    if (hasError(pix)) throw new Error(pix.message);
    expect(isDynamicPix(pix)).toBe(true);
    // pix-utils 2.8.2 emits but does not parse back `oneTime` (01 = "12").
    expect(pix).toMatchObject({ url, merchantName: 'LOJA DA CAJA', merchantCity: 'BRASILIA' });
  });
  it('pix-utils agrees on the published Pix vectors and on the broken sample (a)', () => {
    expect(hasError(parsePix(BCB_STATIC))).toBe(false);
    expect(hasError(parsePix(BCB_6_2))).toBe(false);
    expect(hasError(parsePix(SAMPLE_A))).toBe(true);
  });
});
