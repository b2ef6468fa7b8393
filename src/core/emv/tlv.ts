import { err, ok, type Result } from '../result.js';
import type { EmvParseError, EmvParseErrorCode } from './types.js';
import { joinPath } from './rules.js';

/** One data object as it sits in the payload, before template recursion. */
export interface RawObject {
  id: string;
  value: string;
  /** Code-point index of the ID. */
  start: number;
  /** Code-point index of the first value character. */
  valueStart: number;
  /** Declared length, in characters. */
  length: number;
}

const DIGITS2 = /^[0-9]{2}$/;

/**
 * Splits cps[from, to) into ID(2) LEN(2) VALUE(LEN) objects (§3.2, §4.3–4.4),
 * rejecting duplicates at this level (§4.3.1.2). `parent` is the template path
 * ("" at root). Inside a template every syntax fault is reported as
 * `bad_template` so callers can tell a broken template from a broken root;
 * the message keeps the precise cause.
 */
export function scanTlv(
  cps: readonly string[],
  from: number,
  to: number,
  parent: string,
): Result<RawObject[], EmvParseError> {
  const where = parent === '' ? 'at the root' : `inside template ${parent}`;
  const fail = (code: EmvParseErrorCode, message: string, path: string, position: number) =>
    err<EmvParseError>({
      code: parent === '' || code === 'duplicate_id' ? code : 'bad_template',
      message: parent === '' || code === 'duplicate_id' ? message : `template ${parent} is malformed: ${message}`,
      path,
      position,
    });

  const out: RawObject[] = [];
  const seen = new Set<string>();
  let pos = from;
  while (pos < to) {
    const id = cps.slice(pos, Math.min(pos + 2, to)).join('');
    if (!DIGITS2.test(id)) {
      return pos + 2 > to
        ? fail('truncated', `${to - pos} stray character(s) "${id}" ${where} where a 2-digit ID was expected`, parent, pos)
        : fail('bad_id', `ID "${id}" ${where} is not two digits`, parent, pos);
    }
    const path = joinPath(parent, id);
    const lenText = cps.slice(pos + 2, Math.min(pos + 4, to)).join('');
    if (lenText.length < 2) {
      return fail('truncated', `data object ${path} ends before its 2-digit length`, path, pos);
    }
    if (!DIGITS2.test(lenText)) {
      return fail('bad_length', `length "${lenText}" of data object ${path} is not two digits`, path, pos + 2);
    }
    const len = Number(lenText);
    if (len === 0) {
      return fail('bad_length', `data object ${path} has length 00; values must be 1–99 characters (§3.2)`, path, pos + 2);
    }
    const valueStart = pos + 4;
    if (valueStart + len > to) {
      const have = to - valueStart;
      return fail('truncated', `data object ${path} declares ${len} characters but only ${have} remain ${where}`, path, pos);
    }
    if (seen.has(id)) {
      return fail('duplicate_id', `ID ${id} occurs more than once ${where} (§4.3.1.2)`, path, pos);
    }
    seen.add(id);
    out.push({ id, value: cps.slice(valueStart, valueStart + len).join(''), start: pos, valueStart, length: len });
    pos = valueStart + len;
  }
  return ok(out);
}
