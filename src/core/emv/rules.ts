// Which IDs hold nested data objects, per EMVCo MPM v1.0 Table 3.6 (root:
// 26–51 merchant account templates, 62 additional data, 64 language,
// 80–99 unreserved) and Table 3.7 (inside 62: 50–99 payment-system
// templates). Everything else, including RFU 65–79, is parsed as primitive.
export function isTemplateId(parentPath: string, id: string): boolean {
  const n = Number(id);
  if (parentPath === '') return (n >= 26 && n <= 51) || n === 62 || n === 64 || n >= 80;
  if (parentPath === '62') return n >= 50;
  return false;
}

export const ID_RE = /^[0-9]{2}$/;

/** Length in characters as §4.4.1.1 defines it (code points, not UTF-16 units). */
export function charLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

export function joinPath(parent: string, id: string): string {
  return parent === '' ? id : `${parent}.${id}`;
}
