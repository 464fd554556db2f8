// Parses a YAML content file's text with the `yaml` library and checks it with a zod schema.
// Every problem is reported as FILE:LINE:COLUMN: what is wrong, the position taken from the node
// the schema complained about, so a writer finds the exact key or value. What is wrong is kept in
// English as the parser or zod words it, and for the other languages in the catalogue's words (a
// YAML error code, a check of the project's own) or zod's own locale (a schema issue).
import { isMap, isScalar, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { locales, type z } from 'zod';

import { isText, text as t, type Locale } from '../../common/i18n/text.ts';
import type { ContentProblem, ContentResult } from './content-problem.ts';
import { yamlErrorText } from './yaml-errors.ts';

/** zod's own wording for the languages other than English (its default). */
const ZOD_LOCALES: Record<Exclude<Locale, 'en'>, () => { localeError: z.core.$ZodErrorMap }> = { ja: locales.ja };

export function parseYamlText<S extends z.ZodType>(file: string, text: string, schema: S): ContentResult<z.infer<S>> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e): ContentProblem => {
        const said = yamlErrorText(e.code);
        return { file, ...at(e.pos[0]), message: `YAML: ${firstLine(e.message)}`, ...(said ? { messageText: said } : {}) };
      }),
    };
  }
  const data = doc.toJS();
  const parsed = schema.safeParse(data);
  if (parsed.success) return { ok: true, value: parsed.data };
  // The same data fails the same way in every language: the issues line up one for one.
  const worded = Object.entries(ZOD_LOCALES).map(([locale, words]) => {
    const again = schema.safeParse(data, { error: words().localeError });
    return { locale, issues: again.success ? [] : again.error.issues };
  });
  const problems = parsed.error.issues.map((issue, i): ContentProblem => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const offset = unknownKey !== undefined ? keyOffset(doc, path, unknownKey) : nodeOffset(doc, path);
    const where = path.length ? `${path.join('.')}: ` : '';
    // A check of the project's own carries its sentence as a Text (lab-schema.ts).
    const own = issue.code === 'custom' && isText(issue.params?.messageText) ? issue.params.messageText : null;
    if (own) return { file, ...at(offset), message: `${where}${issue.message}`, messageText: t('content.at', { where, problem: own }) };
    const inOthers = Object.fromEntries(worded.flatMap(({ locale, issues }) => (issues[i]?.code === issue.code ? [[locale, `${where}${issues[i].message}`]] : [])));
    return { file, ...at(offset), message: `${where}${issue.message}`, worded: inOthers };
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
