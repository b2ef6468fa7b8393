import { err, ok, type Result } from '../result.js';
import { crc16ccitt } from './crc.js';
import { isTemplateId, joinPath } from './rules.js';
import { scanTlv, type RawObject } from './tlv.js';
import type { EmvObject, EmvParseError, EmvPayload } from './types.js';

const CRC_ID = '63';

/**
 * Parses an EMVCo merchant-presented payload. Checks run in this order:
 * root TLV syntax, payload format indicator, CRC placement, CRC value, then
 * template contents. The CRC is checked before templates because a CRC
 * mismatch means the text was altered, which is the root cause of any
 * template damage that follows; with a matching CRC a broken template is a
 * generator bug and is reported as such.
 *
 * Deliberately lenient: GUI formats (§4.7.11.2) are not enforced, because
 * real Argentine codes put CUITs/CVUs in sub-ID 00; a lowercase CRC is accepted.
 */
export function parseEmv(payload: string): Result<EmvPayload, EmvParseError> {
  if (payload.length === 0) {
    return err({ code: 'empty', message: 'payload is empty', path: '', position: 0 });
  }
  // §4.7.1 / §4.6.1: ID 00 comes first and its only defined value is "01".
  if (!payload.startsWith('000201')) {
    const found = [...payload].slice(0, 6).join('');
    return err({
      code: 'bad_format_indicator',
      message: `payload must start with "000201" (payload format indicator 01 first, §4.6.1), found "${found}"`,
      path: '00',
      position: 0,
    });
  }
  const cps = [...payload];
  const scanned = scanTlv(cps, 0, cps.length, '');
  if (!scanned.ok) return scanned;
  const root = scanned.value;

  const crcIndex = root.findIndex((o) => o.id === CRC_ID);
  const crcObj = root[crcIndex];
  if (crcObj === undefined) {
    return err({ code: 'missing_crc', message: 'CRC data object 63 is missing (§4.7.3)', path: '', position: cps.length });
  }
  if (crcObj.length !== 4) {
    return err({
      code: 'bad_crc_length',
      message: `CRC data object 63 must have length 04, found ${String(crcObj.length).padStart(2, '0')}`,
      path: CRC_ID,
      position: crcObj.start + 2,
    });
  }
  if (crcIndex !== root.length - 1) {
    const next = root[crcIndex + 1];
    return err({
      code: 'crc_not_last',
      message: `CRC data object 63 must be last (§4.6.1) but is followed by ID ${next?.id ?? '?'}`,
      path: CRC_ID,
      position: crcObj.start,
    });
  }
  // §4.7.3: the CRC covers everything up to and including "6304".
  const expected = crc16ccitt(cps.slice(0, crcObj.valueStart).join(''));
  if (crcObj.value.toUpperCase() !== expected) {
    return err({
      code: 'crc_mismatch',
      message: `CRC mismatch: payload says ${crcObj.value}, computed ${expected}`,
      path: CRC_ID,
      position: crcObj.valueStart,
    });
  }

  const objects: EmvObject[] = [];
  for (const raw of root.slice(0, -1)) {
    const obj = toObject(cps, raw, '');
    if (!obj.ok) return obj;
    objects.push(obj.value);
  }
  return ok({ objects, crc: crcObj.value });
}

function toObject(cps: readonly string[], raw: RawObject, parent: string): Result<EmvObject, EmvParseError> {
  if (!isTemplateId(parent, raw.id)) return ok({ id: raw.id, value: raw.value });
  const path = joinPath(parent, raw.id);
  const inner = scanTlv(cps, raw.valueStart, raw.valueStart + raw.length, path);
  if (!inner.ok) return inner;
  const fields: EmvObject[] = [];
  for (const child of inner.value) {
    const obj = toObject(cps, child, path);
    if (!obj.ok) return obj;
    fields.push(obj.value);
  }
  return ok({ id: raw.id, fields });
}
