import fc from 'fast-check';

/** Generators of bad input for the property test of every operation (bad-requests.property.test.ts). */
export type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
};

export interface Operation {
  method: string;
  path: string;
  security: string | undefined;
  params: Array<{ in: string; name: string; schema?: Schema }>;
  body: Schema | undefined;
}

const HUGE = 'x'.repeat(200_000);
const CONTROL = '\u0000\u0001\u0007\b\t\n\r\u001b\u007f\u0085\u2028\u202e\ufeff';

export const badString = () =>
  fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.string({ unit: 'grapheme', maxLength: 20 }),
    fc.string({ unit: fc.constantFrom(...CONTROL, 'a', '"', '\\', '/', '%', '?', '#', '&', '=', 'ñ', '😀'), maxLength: 20 }),
    fc.constantFrom('', ' ', '1e3', '-1', '0', '0x10', '9'.repeat(30), '1.5', 'null', 'true', '[]', '{}', '%00', '../../etc', 'ORD00000000000000000000000000', '\u0000', HUGE.slice(0, 5_000), HUGE),
  );

const badScalar = () =>
  fc.oneof(
    fc.constantFrom(null, true, false, 0, -0, -1, 1.5, 2 ** 53 + 2, -(2 ** 63), 1e308, 5e-324, Number.MAX_SAFE_INTEGER),
    fc.integer(),
    fc.double({ noNaN: true }),
    badString(),
  );

/** Any JSON value, some deep, some wide. */
export const badValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 6, arbitrary: badScalar() },
    { weight: 2, arbitrary: fc.array(badScalar(), { maxLength: 4 }) },
    { weight: 2, arbitrary: fc.dictionary(badString(), badScalar(), { maxKeys: 3 }) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 3_000 }).map((n) => Array.from({ length: n }, (_, i) => i)) },
    { weight: 1, arbitrary: fc.integer({ min: 10, max: 30 }).map((n) => JSON.parse('['.repeat(n) + ']'.repeat(n)) as unknown) },
  );

function plausible(schema: Schema): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return fc.constantFrom('abc', 'ABC123', '50.00', '10', 'https://example.com/hook', '2026-01-01T00:00:00Z', 'MLA', 'USD', 'BRL', 'order');
    case 'integer':
      return fc.integer({ min: 0, max: 1_000 });
    case 'number':
      return fc.constantFrom(1, 50.5, 100);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return badScalar();
  }
}

/** A value shaped like the schema, each part either plausible or bad; properties may be missing, unknown ones added. */
export function shaped(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 5) return badValue();
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches?.length) return fc.oneof(...branches.map((b) => shaped(b, depth + 1)), badValue());
  if (schema.properties) {
    const model = Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, fc.oneof({ weight: 3, arbitrary: shaped(v, depth + 1) }, { weight: 1, arbitrary: badValue() })]));
    const unknown = fc.oneof({ weight: 4, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: fc.dictionary(badString(), badValue(), { maxKeys: 2 }) });
    return fc.tuple(fc.record(model, { requiredKeys: [] }), unknown).map(([known, extra]) => ({ ...extra, ...known }));
  }
  if (schema.items) return fc.oneof(fc.array(shaped(schema.items, depth + 1), { maxLength: 3 }), badValue());
  return fc.oneof({ weight: 3, arbitrary: plausible(schema) }, { weight: 2, arbitrary: badValue() });
}

/** Bodies that are not JSON, or JSON that is hard to read. */
export const rawBody = () =>
  fc.oneof(
    fc.constantFrom(
      '{',
      '{"a":1,}',
      "{'a':1}",
      'null',
      '[]',
      '"x"',
      '0',
      '{"a":1e2}',
      '{"a":-1E-2}',
      '\ufeff{}',
      '{"__proto__":{"x":1}}',
      '{"constructor":{"prototype":{"x":1}}}',
      '['.repeat(10_000) + ']'.repeat(10_000),
      '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000),
      `{"a":"${HUGE}"}`,
      `[${Array.from({ length: 60_000 }, () => '0').join(',')}]`,
      'a=1&b=2',
      '\u0000',
    ),
    fc.string({ maxLength: 40 }),
    // Bytes that are not UTF-8, inside and outside strings.
    fc.constantFrom(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), Buffer.from([0xc3, 0x28, 0xa0, 0xa1]), Buffer.from([0xed, 0xa0, 0x80])),
  );

export const badContentType = () =>
  fc.oneof(
    { weight: 8, arbitrary: fc.constant('application/json') },
    { weight: 2, arbitrary: fc.constant(undefined) },
    {
      weight: 3,
      arbitrary: fc.constantFrom(
        'application/json; charset=utf-8',
        'APPLICATION/JSON',
        'application/vnd.api+json',
        'application/json; charset=latin1',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        '',
        'garbage',
        '/',
        'application/json\u0000',
      ),
    },
  );
