// Parses a YAML content file's text with the `yaml` library and checks it with a zod schema.
// Every problem is reported as FILE:LINE:COLUMN: what is wrong, the position taken from the node
// the schema complained about, so a writer finds the exact key or value.
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';

import type { ContentResult } from './content-problem.ts';

export function parseYamlText<S extends z.ZodType>(file: string, text: string, schema: S): ContentResult<z.infer<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  if (doc.errors.length > 0) {
    return { ok: false, problems: doc.errors.map((e) => ({ file, ...at(e.pos[0]), message: `YAML: ${firstLine(e.message)}` })) };
  }
  const parsed = schema.safeParse(doc.toJS());
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems = parsed.error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const offset = unknownKey !== undefined ? keyOffset(doc, path, unknownKey) : nodeOffset(doc, path);
    const where = path.length ? `${path.join('.')}: ` : '';
    return { file, ...at(offset), message: `${where}${issue.message}` };
  });
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return { ok: false, problems };
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}

/** The start of the deepest node on the path that exists (a missing key points at its parent). */
function nodeOffset(doc: Document, path: (string | number)[]): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : (doc.getIn(path.slice(0, depth), true) as YamlNode | undefined);
    if (node && typeof node === 'object' && 'range' in node && node.range) return node.range[0];
  }
  return 0;
}

/** The start of an unknown key in the map at the path. */
function keyOffset(doc: Document, path: (string | number)[], key: string): number {
  const map = path.length ? doc.getIn(path, true) : doc.contents;
  if (isMap(map)) {
    const pair = map.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
    if (pair && isScalar(pair.key) && pair.key.range) return pair.key.range[0];
  }
  return nodeOffset(doc, path);
}
