import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { crc16ccitt, encodeEmv, findField, isTemplate, parseEmv, type EmvObject } from '../../src/core/emv/index.js';

// Template IDs per EMVCo MPM Tables 3.6/3.7 (mirrors the parser's rule).
const isRootTemplate = (n: number) => (n >= 26 && n <= 51) || n === 62 || n === 64 || n >= 80;
const id2 = (n: number) => String(n).padStart(2, '0');
const value = (max: number) => fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: max });
const encodedLength = (fields: EmvObject[]): number =>
  fields.reduce((sum, f) => sum + 4 + (isTemplate(f) ? encodedLength(f.fields) : f.value.length), 0);

function fieldsArb(ids: fc.Arbitrary<number>, nested: (id: number) => boolean, maxValue: number, depth: number) {
  return fc
    .uniqueArray(ids, { minLength: 1, maxLength: 4 })
    .chain((list) =>
      fc.tuple(
        ...list.map((n): fc.Arbitrary<EmvObject> =>
          nested(n) && depth > 0
            ? fieldsArb(fc.integer({ min: 0, max: 99 }), () => false, 12, depth - 1).map((fields) => ({ id: id2(n), fields }))
            : value(maxValue).map((v) => ({ id: id2(n), value: v })),
        ),
      ),
    )
    .filter((fields) => encodedLength(fields) <= 99);
}

const templateArb = (n: number): fc.Arbitrary<EmvObject> =>
  // Inside 62, sub-IDs 50–99 are templates themselves (Table 3.7).
  fieldsArb(
    n === 62 ? fc.oneof(fc.integer({ min: 50, max: 99 }), fc.integer({ min: 0, max: 49 })) : fc.integer({ min: 0, max: 99 }),
    (sub) => n === 62 && sub >= 50,
    20,
    1,
  ).map((fields) => ({ id: id2(n), fields }));

/** Random root: unique IDs (never 63), 00 = "01" somewhere, templates where the spec has them. */
const rootArb = fc
  .uniqueArray(fc.integer({ min: 1, max: 99 }).filter((n) => n !== 63), { minLength: 0, maxLength: 12 })
  .chain((ids) =>
    fc.tuple(
      fc.tuple(...ids.map((n) => (isRootTemplate(n) ? templateArb(n) : value(99).map((v): EmvObject => ({ id: id2(n), value: v }))))),
      fc.nat({ max: ids.length }),
    ),
  )
  .map(([objects, at]) => {
    const out: EmvObject[] = [...objects];
    out.splice(at, 0, { id: '00', value: '01' });
    return out;
  });

const normalise = (objects: EmvObject[]): EmvObject[] => [
  { id: '00', value: '01' },
  ...objects.filter((o) => o.id !== '00'),
];

describe('EMV codec properties', () => {
  it('parseEmv(encodeEmv(x)) gives back x with 00 first', () => {
    fc.assert(
      fc.property(rootArb, (objects) => {
        const r = parseEmv(encodeEmv(objects));
        if (!r.ok) throw new Error(r.error.message);
        expect(r.value.objects).toEqual(normalise(objects));
        expect(r.value.crc).toMatch(/^[0-9A-F]{4}$/);
      }),
      { numRuns: 500 },
    );
  });

  it('findField reaches every primitive of the tree', () => {
    fc.assert(
      fc.property(rootArb, (objects) => {
        const walk = (level: EmvObject[], prefix: string): void => {
          for (const o of level) {
            const path = prefix + o.id;
            if (isTemplate(o)) walk(o.fields, path + '.');
            else expect(findField(objects, path)).toBe(o.value);
          }
        };
        walk(objects, '');
      }),
      { numRuns: 200 },
    );
  });

  it('a single-character corruption is never silently accepted', () => {
    const replacement = fc.oneof(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }), fc.constantFrom('é', '北', '😀'));
    fc.assert(
      fc.property(rootArb, fc.nat(), replacement, (objects, rawPos, ch) => {
        const payload = [...encodeEmv(objects)];
        const pos = rawPos % payload.length;
        fc.pre(payload[pos] !== ch);
        const corrupted = [...payload.slice(0, pos), ch, ...payload.slice(pos + 1)].join('');
        const r = parseEmv(corrupted);
        if (r.ok && Buffer.byteLength(ch) + Buffer.byteLength(payload[pos]!) > 2) {
          // A character of several UTF-8 bytes changes more than 16 bits of what the CRC covers: CRC-16
          // does not exclude a collision then (about 1 in 65,536), and that is the only way such a change may pass.
          expect(crc16ccitt(corrupted.slice(0, -4))).toBe(corrupted.slice(-4).toUpperCase());
          return;
        }
        if (r.ok) {
          // The only accepted change is lower-casing a CRC hex digit (lenient on purpose).
          expect(pos).toBeGreaterThanOrEqual(payload.length - 4);
          expect(ch).toBe(payload[pos]!.toLowerCase());
          expect(r.value.crc).not.toBe(payload.slice(-4).join(''));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('parseEmv never throws on arbitrary input', () => {
    const tail = fc.string({ unit: fc.constantFrom('0', '1', '2', '6', '9', 'A', '*', 'é'), maxLength: 60 });
    fc.assert(
      fc.property(fc.oneof(fc.string(), tail.map((t) => '000201' + t)), (s) => {
        const r = parseEmv(s);
        if (!r.ok) expect(r.error.message).not.toBe('');
      }),
      { numRuns: 2000 },
    );
  });
});
