import { describe, expect, it } from 'vitest';
import jsQRModule from 'jsqr';
import pngjs from 'pngjs';
import { encodeEmv } from '../../src/core/emv/index.js';
import { renderCardPdf, renderCardPng, renderQrPng, renderQrSvg, toPrintableAscii } from '../../src/core/qr/index.js';

// seeds/004: Depay "QR creation Callback Response" qr_code (mostly digits, so
// node-qrcode's auto mode would have chosen numeric segments).
const DEPAY =
  '00020101021102080000000041370012com.TESTbind98114668759911499020143360032B00000515988OD000002114079ETA0545015001120322678275512600220000531905054067220517520457345802AR5905Depay6014CABA - Almagro6108C1006ACT530303262100706S1740981080004A0546304924D';
const PIX = encodeEmv([
  { id: '26', fields: [{ id: '00', value: 'br.gov.bcb.pix' }, { id: '01', value: '+5511943214321' }] },
  { id: '52', value: '0000' },
  { id: '53', value: '986' },
  { id: '54', value: '66.66' },
  { id: '58', value: 'BR' },
  { id: '59', value: 'LOJA DA CAJA' },
  { id: '60', value: 'BRASILIA' },
  { id: '62', fields: [{ id: '05', value: '***' }] },
]);
// jsqr is a CJS bundle whose typings declare an ES default export; under
// NodeNext the default import is typed as the namespace, at runtime it may be
// either, so take whichever is the function.
type JsQr = typeof jsQRModule.default;
const jsQR: JsQr = (jsQRModule as { default?: JsQr }).default ?? (jsQRModule as unknown as JsQr);

const CARD = { title: 'Panadería La Espiga', subtitle: 'Caja 1 - Almagro (mañana)', footer: 'POS SUC001POS001' };

function decodeRgba(data: Uint8Array, width: number, height: number) {
  const r = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width, height);
  if (r === null) throw new Error('jsQR found no QR code');
  return r;
}
const decodePng = (png: Buffer) => {
  const img = pngjs.PNG.sync.read(png);
  return decodeRgba(img.data, img.width, img.height);
};

/** Rasterises node-qrcode's SVG (one "M x y.5 h n m dx 0 …" run per row) at 4 px per module. */
function decodeSvg(svg: string) {
  const side = Number(/viewBox="0 0 (\d+) \d+"/.exec(svg)?.[1]);
  const d = /<path stroke="[^"]+" d="([^"]+)"/.exec(svg)?.[1] ?? '';
  const px = 4;
  const w = side * px;
  const rgba = new Uint8Array(w * w * 4).fill(255);
  let x = 0;
  let y = 0;
  for (const [, cmd, a, b] of d.matchAll(/([MmhHvV])(-?[\d.]+)(?:\s(-?[\d.]+))?/g)) {
    const n = Number(a);
    if (cmd === 'M') [x, y] = [n, Math.floor(Number(b))];
    else if (cmd === 'm') [x, y] = [x + n, y + Math.floor(Number(b))];
    else if (cmd === 'h') {
      for (let yy = y * px; yy < (y + 1) * px; yy++) rgba.fill(0, (yy * w + x * px) * 4, (yy * w + (x + n) * px) * 4);
      x += n;
    }
  }
  for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255;
  return decodeRgba(rgba, w, w);
}

describe.each([
  ['Depay sample', DEPAY],
  ['Pix static', PIX],
])('%s', (_name, payload) => {
  it('PNG decodes to the exact payload, byte mode only (EMVCo §4.12)', async () => {
    const qr = decodePng(await renderQrPng(payload));
    expect(qr.data).toBe(payload);
    expect(qr.chunks.length).toBeGreaterThan(0);
    expect(qr.chunks.every((c) => c.type === 'byte')).toBe(true);
  });

  it('SVG is a scalable document that decodes the same way', async () => {
    const svg = await renderQrSvg(payload);
    expect(svg).toMatch(/^<svg[^>]*\sviewBox="0 0 \d+ \d+"/);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    const qr = decodeSvg(svg);
    expect(qr.data).toBe(payload);
    expect(qr.chunks.every((c) => c.type === 'byte')).toBe(true);
  });

  it('card PNG contains a decodable byte-mode QR', async () => {
    const png = await renderCardPng({ payload, ...CARD });
    const img = pngjs.PNG.sync.read(png);
    expect(img.width).toBeLessThan(img.height);
    const qr = decodePng(png);
    expect(qr.data).toBe(payload);
    expect(qr.chunks.every((c) => c.type === 'byte')).toBe(true);
  });

  it('card PDF is a single deterministic page with the QR image', async () => {
    const pdf = await renderCardPdf({ payload, ...CARD });
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text.match(/\/Type \/Page\b(?!s)/g)).toHaveLength(1);
    expect(text).toContain('/Subtype /Image');
    expect(pdf.length).toBeGreaterThan(2000);
    expect((await renderCardPdf({ payload, ...CARD })).equals(pdf)).toBe(true);
  });
});

describe('renderQrPng options', () => {
  it('honours scale and margin', async () => {
    const a = pngjs.PNG.sync.read(await renderQrPng(PIX, { scale: 2, margin: 0 }));
    const b = pngjs.PNG.sync.read(await renderQrPng(PIX, { scale: 4, margin: 4 }));
    expect(b.width).toBe(2 * a.width + 2 * 4 * 4);
    expect(a.width).toBe(a.height);
  });
  it('rejects invalid options and empty payloads', async () => {
    await expect(renderQrPng(PIX, { scale: 0 })).rejects.toThrow(RangeError);
    await expect(renderQrPng(PIX, { margin: 1.5 })).rejects.toThrow(RangeError);
    await expect(renderQrPng('')).rejects.toThrow(/empty/);
  });
});

describe('card text', () => {
  it('transliterates to printable ASCII', () => {
    expect(toPrintableAscii('Panadería Ñandú, Açaí & Straße')).toBe('Panaderia Nandu, Acai & Strasse');
    expect(toPrintableAscii('Café “Øresund” – nº 1')).toBe('Cafe "Oresund" - no 1');
    expect(toPrintableAscii('東京 €5 😀')).toBe('?? ?5 ?');
  });
  it('long names wrap instead of overflowing and the QR still decodes', async () => {
    const long = {
      payload: DEPAY,
      title: 'Sociedade Comercial de Açaí e Cafés Especiais do Ceará Ltda',
      subtitle: 'Caixa número 12 — Praça São João, loja térrea ao lado do Café',
      footer: 'POS SUC001POS001 · 東京',
    };
    expect(decodePng(await renderCardPng(long)).data).toBe(DEPAY);
    const pdf = (await renderCardPdf(long)).toString('latin1');
    expect(pdf.match(/\/Type \/Page\b(?!s)/g)).toHaveLength(1);
  });
});
