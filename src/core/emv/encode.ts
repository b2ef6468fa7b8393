import { crc16ccitt } from './crc.js';
import { charLength, ID_RE, isTemplateId, joinPath } from './rules.js';
import { scanTlv } from './tlv.js';
import { isTemplate, type EmvObject } from './types.js';

/**
 * Encodes data objects (without the CRC) into a payload and appends
 * "6304" + CRC (§4.7.3). Order is the caller's, except that ID 00 is moved
 * first (inserted as "01" if absent) and 63 is last (§4.6.1). Invalid input
 * is a programmer error and throws.
 */
export function encodeEmv(objects: EmvObject[]): string {
  checkLevel(objects, '');
  const fmt = objects.find((o) => o.id === '00');
  if (fmt !== undefined && (isTemplate(fmt) || fmt.value !== '01')) {
    throw new Error('encodeEmv: payload format indicator 00 must be the primitive value "01" (§4.7.1)');
  }
  if (objects.some((o) => o.id === '63')) {
    throw new Error('encodeEmv: do not pass the CRC (ID 63); it is computed and appended');
  }
  const rest = objects.filter((o) => o.id !== '00');
  const body = '000201' + rest.map((o) => encodeObject(o, '')).join('') + '6304';
  return body + crc16ccitt(body);
}

/** TLV encoding of the contents of the template at `parent` (e.g. "62"). */
export function encodeTemplateContents(fields: readonly EmvObject[], parent: string): string {
  checkLevel(fields, parent);
  return fields.map((f) => encodeObject(f, parent)).join('');
}

function checkLevel(objects: readonly EmvObject[], parent: string): void {
  const seen = new Set<string>();
  for (const o of objects) {
    const path = joinPath(parent, o.id);
    if (!ID_RE.test(o.id)) throw new Error(`encodeEmv: ID "${o.id}" at ${where(parent)} must be two digits (§4.3.1.1)`);
    if (seen.has(o.id)) throw new Error(`encodeEmv: ID ${path} appears twice (§4.3.1.2)`);
    seen.add(o.id);
    if (isTemplate(o) && !isTemplateId(parent, o.id)) {
      throw new Error(`encodeEmv: ${path} is a primitive ID and cannot hold a template (Tables 3.6/3.7)`);
    }
  }
}

function encodeObject(o: EmvObject, parent: string): string {
  const path = joinPath(parent, o.id);
  let value: string;
  if (isTemplate(o)) {
    value = encodeTemplateContents(o.fields, path);
  } else {
    value = o.value;
    // A raw value under a template ID is accepted only if it is itself valid
    // TLV, so that every payload we emit parses back.
    if (isTemplateId(parent, o.id) && value !== '') {
      const cps = [...value];
      const inner = scanTlv(cps, 0, cps.length, path);
      if (!inner.ok) throw new Error(`encodeEmv: raw value of template ${path} is not valid TLV: ${inner.error.message}`);
    }
  }
  const len = charLength(value);
  if (len < 1 || len > 99) {
    throw new Error(`encodeEmv: value of ${path} is ${len} characters; it must be 1–99 (§3.2)`);
  }
  return o.id + String(len).padStart(2, '0') + value;
}

function where(parent: string): string {
  return parent === '' ? 'the root' : `template ${parent}`;
}
