import { beforeAll, describe, expect, it } from 'vitest';
import jsQRModule from 'jsqr';
import pngjs from 'pngjs';
import { hasError, isStaticPix, parsePix } from 'pix-utils';
import { findField, parseEmv, type EmvObject } from '../../src/core/emv/index.js';
import { testbed, type TestSeller } from '../support/harness.js';
import { as, createPos, createStore, expectLegacy, type CreatedPos } from '../support/stores-fixtures.js';

// jsqr's typings declare an ES default export; at runtime under NodeNext it may be the function itself.
type JsQr = typeof jsQRModule.default;
const jsQR: JsQr = (jsQRModule as { default?: JsQr }).default ?? (jsQRModule as unknown as JsQr);

function decodePng(png: Buffer) {
  const img = pngjs.PNG.sync.read(png);
  const r = jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.byteLength), img.width, img.height);
  if (r === null) throw new Error('jsQR found no QR code in the PNG');
  return r;
}

function emvObjects(payload: string): EmvObject[] {
  const parsed = parseEmv(payload);
  if (!parsed.ok) throw new Error(`payload does not parse: ${parsed.error.code} ${parsed.error.message}`);
  return parsed.value.objects;
}

/** An Argentine CUIT: 11 digits, the last a mod-11 check digit over weights 5432765432. */
function validCuit(s: string): boolean {
  if (!/^\d{11}$/.test(s)) return false;
  const w = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  const sum = w.reduce((acc, k, i) => acc + k * Number(s[i]), 0);
  const check = (11 - (sum % 11)) % 11;
  return check !== 10 && check === Number(s[10]);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

describe('POS QR images and payloads', () => {
  const caja = testbed();

  const fetchUrl = (url: string) => caja.request({ method: 'GET', url: new URL(url).pathname });
  const qrData = async (s: TestSeller, pos: CreatedPos): Promise<string> => {
    const res = await as(caja, s, { method: 'GET', url: `/sandbox/pos/${pos.id}/qr` });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { qr_data: string; pos_id: number; image: string };
    expect(body.pos_id).toBe(pos.id);
    expect(body.image).toBe(pos.qr.image);
    return body.qr_data;
  };
  async function setup(site: string) {
    const s = await caja.seller(site);
    const store = await createStore(caja, s, { name: 'Panadería Ñandú' });
    const pos = await createPos(caja, s, store);
    return { s, store, pos, payload: await qrData(s, pos) };
  }

  describe('an Argentine POS', () => {
    let ctx: Awaited<ReturnType<typeof setup>>;
    beforeAll(async () => {
      ctx = await setup('MLA');
    });

    it('<uuid>.png is a public PNG whose QR decodes, in byte mode, to the payload', async () => {
      const res = await fetchUrl(ctx.pos.qr.image);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^image\/png/);
      const qr = decodePng(res.rawPayload);
      expect(qr.data).toBe(ctx.payload);
      expect(qr.chunks.length).toBeGreaterThan(0);
      expect(qr.chunks.every((c) => c.type === 'byte')).toBe(true);
    });

    it('the payload has a valid CRC and the Mercado Pago AR structure', () => {
      const o = emvObjects(ctx.payload);
      expect(findField(o, '01')).toBe('11');
      expect(findField(o, '43.00')).toBe('com.mercadolibre');
      expect(findField(o, '43.01')).toMatch(/^http:\/\/caja\.test\//);
      expect(findField(o, '53')).toBe('032');
      expect(findField(o, '58')).toBe('AR');
      expect(findField(o, '54')).toBeUndefined();
      const cuit = findField(o, '50.00') ?? '';
      expect(cuit).toMatch(/^\d{11}$/);
      expect(validCuit(cuit)).toBe(true);
    });

    it('prints the store name and city as printable ASCII', () => {
      const o = emvObjects(ctx.payload);
      expect(findField(o, '59')).toMatch(/^[\x20-\x7e]{1,25}$/);
      expect(findField(o, '59')).toContain('Panaderia Nandu');
      expect(findField(o, '60')).toBe('CABA');
    });

    it('<uuid>.svg is image/svg+xml', async () => {
      const res = await fetchUrl(ctx.pos.qr.image.replace(/\.png$/, '.svg'));
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect(res.body).toMatch(/<svg[\s>]/);
      expect(res.body.trimEnd().endsWith('</svg>')).toBe(true);
    });

    it('template_<uuid>.png is a PNG whose QR decodes to the same payload', async () => {
      const res = await fetchUrl(ctx.pos.qr.template_image);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^image\/png/);
      const qr = decodePng(res.rawPayload);
      expect(qr.data).toBe(ctx.payload);
      expect(qr.chunks.every((c) => c.type === 'byte')).toBe(true);
    });

    it('template_<uuid>.pdf is a PDF', async () => {
      const res = await fetchUrl(ctx.pos.qr.template_document);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/pdf/);
      expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    });

    it('answers 404 for a wrong uuid, for the right uuid under another POS id, and for the wrong kind', async () => {
      const other = await createPos(caja, ctx.s, ctx.store);
      const wrong = 'f'.repeat(64);
      const base = `/instore/merchant/qr/${ctx.pos.id}`;
      for (const url of [
        `${base}/${wrong}.png`,
        `${base}/template_${wrong}.pdf`,
        `/instore/merchant/qr/${other.id}/${ctx.pos.uuid}.png`,
        `${base}/${ctx.pos.uuid}.pdf`,
        `${base}/template_${ctx.pos.uuid}.svg`,
      ]) {
        expect((await caja.request({ method: 'GET', url })).statusCode, url).toBe(404);
      }
    });

    it('the images of a deleted POS answer 404', async () => {
      const pos = await createPos(caja, ctx.s, ctx.store);
      expect((await fetchUrl(pos.qr.image)).statusCode).toBe(200);
      expect((await as(caja, ctx.s, { method: 'DELETE', url: `/pos/${pos.id}` })).statusCode).toBe(204);
      for (const url of [pos.qr.image, pos.qr.template_image, pos.qr.template_document, pos.qr.image.replace(/\.png$/, '.svg')]) {
        expect((await fetchUrl(url)).statusCode, url).toBe(404);
      }
      expectLegacy(await as(caja, ctx.s, { method: 'GET', url: `/sandbox/pos/${pos.id}/qr` }), 404);
    });

    it('gives every POS its own payload', async () => {
      const other = await createPos(caja, ctx.s, ctx.store);
      const payload = await qrData(ctx.s, other);
      expect(payload).not.toBe(ctx.payload);
      expect(findField(emvObjects(payload), '62.07')).toBe(other.external_id);
    });

    it('keeps the same payload after the POS is updated', async () => {
      const pos = await createPos(caja, ctx.s, ctx.store);
      const before = await qrData(ctx.s, pos);
      expect((await as(caja, ctx.s, { method: 'PUT', url: `/pos/${pos.id}`, payload: { name: 'Renamed' } })).statusCode).toBe(200);
      expect(await qrData(ctx.s, pos)).toBe(before);
    });
  });

  describe('a Brazilian POS', () => {
    it('carries a static Pix that pix-utils accepts, keyed by a UUID, in BRL', async () => {
      const { pos, payload } = await setup('MLB');
      const o = emvObjects(payload);
      expect(findField(o, '26.00')).toBe('br.gov.bcb.pix');
      expect(findField(o, '26.01')).toMatch(UUID);
      expect(findField(o, '53')).toBe('986');
      expect(findField(o, '58')).toBe('BR');
      const pix = parsePix(payload);
      if (hasError(pix)) throw new Error(`pix-utils refused the payload: ${pix.message}`);
      expect(isStaticPix(pix)).toBe(true);
      expect(pix).toMatchObject({ pixKey: findField(o, '26.01'), transactionCurrency: '986', countryCode: 'BR', merchantCity: 'SAO PAULO' });
      const png = decodePng((await fetchUrl(pos.qr.image)).rawPayload);
      expect(png.data).toBe(payload);
    });
  });

  describe.each([
    ['MLM', '484', 'MX'],
    ['MLC', '152', 'CL'],
    ['MLU', '858', 'UY'],
    ['MCO', '170', 'CO'],
    ['MPE', '604', 'PE'],
  ])('a %s POS', (site, currency, country) => {
    it(`has currency ${currency} and country ${country}, a valid CRC, and no CUIT`, async () => {
      const { pos, payload } = await setup(site);
      const o = emvObjects(payload);
      expect(findField(o, '53')).toBe(currency);
      expect(findField(o, '58')).toBe(country);
      expect(findField(o, '01')).toBe('11');
      expect(findField(o, '50')).toBeUndefined();
      expect(decodePng((await fetchUrl(pos.qr.image)).rawPayload).data).toBe(payload);
    });
  });
});
