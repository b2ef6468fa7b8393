import { Bitmap, BLACK, type Rgb } from './bitmap.js';
import { paintQr, qrMatrix } from './matrix.js';
import { advance, drawText, lineHeight, textWidth, toPrintableAscii, wrap } from './text.js';

export interface QrCard {
  payload: string;
  /** Store name. */
  title: string;
  /** Point-of-sale name. */
  subtitle: string;
  /** Small print under the QR, e.g. "POS SUC001POS001". */
  footer?: string;
}

// Layout in pixels. The QR box (symbol plus its 4-module quiet zone,
// ISO/IEC 18004) is about 640 px wide, so at ~200 dpi the card prints ~9 cm
// wide and even a version-11 symbol gets 9 px modules.
const QR_BOX = 640;
const PAD = 48;
const WIDTH = QR_BOX + 2 * PAD;
const QUIET = 4;
const INK: Rgb = [17, 17, 17];
const MUTED: Rgb = [85, 85, 85];
const BORDER: Rgb = [200, 200, 200];

interface TextBlock {
  lines: string[];
  scale: number;
  ink: Rgb;
  bold: boolean;
}

/** Wraps at the first scale (largest first) that fits in `maxLines`, else cuts at the last. */
function block(text: string, scales: number[], maxLines: number, ink: Rgb, bold = false): TextBlock {
  const ascii = toPrintableAscii(text);
  for (const [i, scale] of scales.entries()) {
    const maxChars = Math.floor((QR_BOX + scale) / advance(scale));
    const lines = wrap(ascii, maxChars, maxLines);
    const last = i === scales.length - 1;
    if (last || !lines.some((l) => l.endsWith('...'))) return { lines, scale, ink, bold };
  }
  throw new Error('block: no scales given');
}

const blockHeight = (b: TextBlock): number =>
  b.lines.length === 0 ? 0 : b.lines.length * lineHeight(b.scale) + (b.lines.length - 1) * 2 * b.scale;

/** Printable card: store name, POS name, the QR centred in its quiet zone, footer. */
export async function renderCardPng(card: QrCard): Promise<Buffer> {
  const m = qrMatrix(card.payload);
  const scale = Math.floor(QR_BOX / (m.size + 2 * QUIET));
  const qrSide = (m.size + 2 * QUIET) * scale;

  // Store name as large as fits on one line; else smaller on up to two.
  const big = block(card.title, [6, 5], 1, INK, true);
  const title = big.lines.some((l) => l.endsWith('...')) ? block(card.title, [4], 2, INK, true) : big;
  const subtitle = block(card.subtitle, [3], 2, INK);
  const footer = block(card.footer ?? '', [3, 2], 1, MUTED);

  const height =
    PAD + blockHeight(title) + 16 + blockHeight(subtitle) + 8 + qrSide + (footer.lines.length > 0 ? 8 + blockHeight(footer) : 0) + PAD;
  const bitmap = new Bitmap(WIDTH, height);
  drawFrame(bitmap);

  let y = PAD;
  y = drawBlock(bitmap, title, y) + 16;
  y = drawBlock(bitmap, subtitle, y) + 8;
  const x = Math.floor((WIDTH - qrSide) / 2);
  paintQr(bitmap, m, x + QUIET * scale, y + QUIET * scale, scale, BLACK);
  y += qrSide + 8;
  drawBlock(bitmap, footer, y);
  return bitmap.toPng();
}

function drawBlock(bitmap: Bitmap, b: TextBlock, top: number): number {
  let y = top;
  for (const line of b.lines) {
    drawText(bitmap, line, Math.floor((WIDTH - textWidth(line, b.scale)) / 2), y, b.scale, b.ink, b.bold);
    y += lineHeight(b.scale) + 2 * b.scale;
  }
  return b.lines.length === 0 ? top : y - 2 * b.scale;
}

/** Thin cut line inset from the edge; it stays outside the QR quiet zone. */
function drawFrame(bitmap: Bitmap): void {
  const inset = 12;
  const w = bitmap.width - 2 * inset;
  const h = bitmap.height - 2 * inset;
  bitmap.fillRect(inset, inset, w, 2, BORDER);
  bitmap.fillRect(inset, inset + h - 2, w, 2, BORDER);
  bitmap.fillRect(inset, inset, 2, h, BORDER);
  bitmap.fillRect(inset + w - 2, inset, 2, h, BORDER);
}
