import { Ajv, type ValidateFunction } from 'ajv';
import type { AppOptions, RouteInfo, SentAnswer } from '../../src/app.js';
import { answersOf, type Answer } from '../../src/http/answers.js';

/**
 * Checks the OpenAPI document against what caja serves. The harness records
 * every route and every answer of every test file; when a harness closes, each
 * answer of a route that declares its answers (src/http/answers.ts) must have a
 * documented status and a body that validates against the documented schema.
 */
const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new WeakMap<object, ValidateFunction>();

function validator(schema: Record<string, unknown>): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    v = ajv.compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

/** Validates one body against an answer; undefined when it conforms. */
export function bodyProblem(answer: Answer, body: unknown, contentType: string | undefined): string | undefined {
  if (answer.contentType) return [answer.contentType].flat().some((t) => contentType?.startsWith(t)) ? undefined : `content-type ${contentType}, documented ${[answer.contentType].flat().join(' or ')}`;
  if (answer.alsoAs?.some((t) => contentType?.startsWith(t))) return undefined;
  if (!answer.schema) return body === undefined || body === '' || body === null ? undefined : 'a body where none is documented';
  if (!contentType?.startsWith('application/json')) return `content-type ${contentType}, documented application/json`;
  const v = validator(answer.schema);
  if (v(body)) return undefined;
  return `${ajv.errorsText(v.errors)} in ${JSON.stringify(body).slice(0, 300)}`;
}

export function routeKey(r: { method: string; url: string }): string {
  return `${r.method} ${r.url}`;
}

/**
 * Routes that need not declare answers: only the docs themselves. Every API route
 * declares its answers: see docs/ARCHITECTURE.md.
 */
export const UNDOCUMENTED_FOR_NOW: readonly RegExp[] = [
  /^\w+ \/docs/,
];

export class AnswerBook {
  readonly routes = new Map<string, RouteInfo>();
  readonly sent: SentAnswer[] = [];

  readonly options: AppOptions = {
    onRoute: (r) => this.routes.set(routeKey(r), r),
    onAnswer: (a) => this.sent.push(a),
  };

  /** Routes that show in the document but declare no answers. */
  undocumented(): string[] {
    return [...this.routes.values()]
      .filter((r) => !(r.schema as { hide?: boolean } | undefined)?.hide && !answersOf(r.schema))
      .map(routeKey)
      .sort();
  }

  /** Every answer of a documented route that the document does not describe. */
  problems(): string[] {
    const out = new Set<string>();
    for (const a of this.sent) {
      if (a.route === undefined) continue;
      const declared = answersOf(this.routes.get(routeKey({ method: a.method, url: a.route }))?.schema);
      if (!declared) continue;
      const answer = declared[a.status];
      const where = `${a.method} ${a.route} → ${a.status}`;
      if (!answer) {
        out.add(`${where}: status not documented (documented: ${Object.keys(declared).join(', ')})`);
        continue;
      }
      const problem = bodyProblem(answer, a.body, a.contentType);
      if (problem) out.add(`${where}: body does not match the documented schema: ${problem}`);
    }
    return [...out];
  }
}
