import { encodeTemplateContents } from './encode.js';
import { joinPath } from './rules.js';
import { isTemplate, type EmvObject } from './types.js';

/**
 * Value at a dotted path such as "58", "62.05" or "26.00". A template's value
 * is its encoded contents, exactly as it appears in the payload (§3.2).
 */
export function findField(objects: EmvObject[], path: string): string | undefined {
  return walk(objects, path.split('.'), '');
}

function walk(objects: readonly EmvObject[], ids: readonly string[], parent: string): string | undefined {
  const [head, ...rest] = ids;
  const hit = objects.find((o) => o.id === head);
  if (hit === undefined) return undefined;
  const here = joinPath(parent, hit.id);
  if (rest.length > 0) return isTemplate(hit) ? walk(hit.fields, rest, here) : undefined;
  return isTemplate(hit) ? encodeTemplateContents(hit.fields, here) : hit.value;
}
