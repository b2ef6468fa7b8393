import type { Bitmap, Rgb } from './bitmap.js';
import { glyph, GLYPH_HEIGHT, GLYPH_WIDTH } from './font.js';

// Letters that Unicode NFD does not split into base + combining mark.
const SPECIAL: Record<string, string> = {
  ß: 'ss', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D', ł: 'l', Ł: 'L',
  ı: 'i', þ: 'th', Þ: 'Th', ð: 'd', Ð: 'D', '‘': "'", '’': "'", '“': '"', '”': '"', '«': '"', '»': '"',
  '–': '-', '—': '-', '…': '...', '\u00a0': ' ', '¿': '?', '¡': '!', º: 'o', ª: 'a', '·': '-', '•': '-',
};

/** Printable ASCII rendering of `s`: á→a, ñ→n, ç→c, ß→ss; anything else → '?'. */
export function toPrintableAscii(s: string): string {
  let out = '';
  for (const ch of s) {
    const base = SPECIAL[ch] ?? ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    out += /^[\x20-\x7e]+$/.test(base) ? base : ch === '\t' || ch === '\n' ? ' ' : '?';
  }
  return out;
}

/** Horizontal advance per character: glyph plus one pixel of spacing, times scale. */
export const advance = (scale: number): number => (GLYPH_WIDTH + 1) * scale;
export const lineHeight = (scale: number): number => GLYPH_HEIGHT * scale;

export function textWidth(text: string, scale: number): number {
  return text.length === 0 ? 0 : text.length * advance(scale) - scale;
}

/**
 * Draws ASCII text (already passed through toPrintableAscii) with its top-left
 * at (x, y). Bold widens each stroke by half a cell, keeping letters apart.
 */
export function drawText(bitmap: Bitmap, text: string, x: number, y: number, scale: number, ink: Rgb, bold = false): void {
  const w = bold ? scale + Math.floor(scale / 2) : scale;
  [...text].forEach((ch, i) => {
    glyph(ch).forEach((row, r) =>
      row.forEach((on, c) => {
        if (on) bitmap.fillRect(x + i * advance(scale) + c * scale, y + r * scale, w, scale, ink);
      }),
    );
  });
}

/**
 * Greedy word wrap to at most `maxLines` lines of `maxChars`; over-long words
 * are cut, and the last line ends in "..." if text remains.
 */
export function wrap(text: string, maxChars: number, maxLines: number): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (let word of words) {
    while (word.length > maxChars) {
      if (line !== '') lines.push(line);
      lines.push(word.slice(0, maxChars));
      line = '';
      word = word.slice(maxChars);
    }
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= maxChars) line += ' ' + word;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1] ?? '';
  kept[maxLines - 1] = (last.length + 3 <= maxChars ? last : last.slice(0, maxChars - 3).trimEnd()) + '...';
  return kept;
}
