import type PDFKit from 'pdfkit';
import { lazyRequire } from '../lazy.js';
import type { QrCard } from './card.js';
import { renderQrPng } from './png.js';
import { toPrintableAscii } from './text.js';

const PDFDocument = lazyRequire<typeof PDFKit>('pdfkit');

// A6 portrait (105 × 148 mm), in PDF points.
const PAGE: [number, number] = [297.64, 419.53];
const MARGIN = 24;
const QR_SIDE = 220;
// Same card, same bytes: pdfkit derives the file ID from CreationDate, so a
// fixed date makes the output reproducible (cacheable, diffable in tests).
const FIXED_DATE = new Date('2000-01-01T00:00:00Z');

/** The built-in Helvetica is WinAnsi-encoded: keep Latin-1, transliterate the rest. */
function winAnsiSafe(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    out += (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) ? ch : toPrintableAscii(ch);
  }
  return out;
}

/** One-page PDF of the card: store name, POS name, QR (byte mode), footer. */
export async function renderCardPdf(card: QrCard): Promise<Buffer> {
  const qrPng = await renderQrPng(card.payload, { scale: 8, margin: 4 });
  const doc = new (PDFDocument())({
    size: PAGE,
    margin: MARGIN,
    info: { Title: winAnsiSafe(`${card.title} - ${card.subtitle}`), Producer: 'caja', Creator: 'caja', CreationDate: FIXED_DATE },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = PAGE[0] - 2 * MARGIN;
  // Each block is capped (ellipsis) so long names can never push the QR onto
  // a second page; the whole stack is then centred vertically.
  const blocks = [
    { text: winAnsiSafe(card.title), font: 'Helvetica-Bold', size: 18, color: '#111111', max: 44, gapAfter: 6 },
    { text: winAnsiSafe(card.subtitle), font: 'Helvetica', size: 13, color: '#111111', max: 34, gapAfter: 14 },
  ];
  const footer = card.footer ? winAnsiSafe(card.footer) : '';
  const measure = (text: string, font: string, size: number, max: number): number =>
    text === '' ? 0 : Math.min(max, doc.font(font).fontSize(size).heightOfString(text, { width, align: 'center' }));
  const heights = blocks.map((b) => measure(b.text, b.font, b.size, b.max));
  const footerHeight = measure(footer, 'Helvetica', 9, 24);
  const total = heights.reduce((a, h, i) => a + h + (blocks[i]?.gapAfter ?? 0), 0) + QR_SIDE + (footer ? 10 + footerHeight : 0);
  let y = Math.max(MARGIN, (PAGE[1] - total) / 2);

  blocks.forEach((b, i) => {
    const h = heights[i] ?? 0;
    if (h > 0) doc.font(b.font).fontSize(b.size).fillColor(b.color).text(b.text, MARGIN, y, { width, align: 'center', height: h, ellipsis: true });
    y += h + b.gapAfter;
  });
  doc.image(qrPng, (PAGE[0] - QR_SIDE) / 2, y, { width: QR_SIDE, height: QR_SIDE });
  y += QR_SIDE + 10;
  if (footer) {
    doc.font('Helvetica').fontSize(9).fillColor('#555555').text(footer, MARGIN, y, { width, align: 'center', height: footerHeight, ellipsis: true });
  }
  doc.end();
  return done;
}
