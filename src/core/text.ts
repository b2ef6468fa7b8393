/**
 * EMV "ans" fields (merchant name, city, labels) are printable ASCII only
 * (EMVCo MPM §4.7.5): strip accents (á → a, ñ → n), turn anything else into a
 * space, collapse spaces, cut to the field's maximum.
 */
export function asciiField(text: string, max: number): string {
  const folded = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return folded.slice(0, max).trim();
}
