/**
 * How a route declares its answers for the OpenAPI document: every status it
 * can send, each with a description, a JSON schema and a real example. They
 * live under a custom key of the route schema, so Fastify never uses them to
 * serialize (a response schema would make fast-json-stringify drop any field
 * it does not list); the swagger transform (http/docs.ts) turns them into the
 * document's `responses`, and test/support/answers.ts checks every answer the
 * test suite receives against them.
 *
 *   app.get('/stores/:id', { schema: { ..., ...answers({ 200: ok(StoreResponse, example), ...legacyErrors(404) }) } }, ...)
 */
export const ANSWERS_KEY = 'x-caja-answers';
/** A real request body for "Try it out" (instead of strings generated from patterns). */
export const BODY_EXAMPLE_KEY = 'x-caja-body-example';

export interface Answer {
  description: string;
  /** JSON schema of the body; absent: no body (204, redirects). */
  schema?: Record<string, unknown>;
  example?: unknown;
  /** Not JSON (images, PDFs, CSV): the media type (or the types, one of which is sent), and the body is not validated. */
  contentType?: string | string[];
  /** A JSON answer that may also be sent as these media types (e.g. text/html for a browser); those bodies are not validated. */
  alsoAs?: string[];
}

export type Answers = Record<number, Answer>;

export const answers = (a: Answers) => ({ [ANSWERS_KEY]: a });
export const bodyExample = (example: unknown) => ({ [BODY_EXAMPLE_KEY]: example });

export function answersOf(schema: unknown): Answers | undefined {
  return schema && typeof schema === 'object' ? ((schema as Record<string, unknown>)[ANSWERS_KEY] as Answers | undefined) : undefined;
}

export function ok(schema: Record<string, unknown>, example: unknown, description = 'Success'): Answer {
  return { description, schema, example };
}

/** The OpenAPI responses fastify-swagger builds from `response` schemas. */
function responseSchema(a: Answer): Record<string, unknown> {
  if (a.contentType) return { description: a.description, content: Object.fromEntries([a.contentType].flat().map((t) => [t, { schema: { type: 'string', format: 'binary' } }])) };
  if (!a.schema) return { description: a.description, type: 'null' };
  if (a.alsoAs) {
    const json = { schema: a.schema, ...(a.example !== undefined ? { example: a.example } : {}) };
    return { description: a.description, content: { 'application/json': json, ...Object.fromEntries(a.alsoAs.map((t) => [t, { schema: { type: 'string' } }])) } };
  }
  return { ...a.schema, description: a.description, ...(a.example !== undefined ? { examples: [a.example] } : {}) };
}

/** The swagger `transform`: declared answers become `response`, a body example joins the body schema. */
export function answersTransform({ schema, url }: { schema: unknown; url: string }) {
  if (!schema || typeof schema !== 'object') return { schema: schema as Record<string, unknown>, url };
  const s = { ...(schema as Record<string, unknown>) };
  const declared = answersOf(s);
  if (declared) {
    s.response = Object.fromEntries(Object.entries(declared).map(([code, a]) => [code, responseSchema(a)]));
    delete s[ANSWERS_KEY];
  }
  if (s[BODY_EXAMPLE_KEY] !== undefined) {
    // A route that reads its body itself (no body schema) still shows the example.
    const body = s.body && typeof s.body === 'object' ? (s.body as Record<string, unknown>) : { type: 'object' };
    s.body = { ...body, examples: [s[BODY_EXAMPLE_KEY]] };
  }
  delete s[BODY_EXAMPLE_KEY];
  return { schema: s, url };
}
