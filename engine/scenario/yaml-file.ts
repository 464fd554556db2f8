// A YAML content file (scenario, lab): read, then taken from the build's cache when its text is
// unchanged (content-cache.ts), else parsed and checked by yaml-parse.ts. The parser and the
// schema are loaded only when a file has to be parsed.
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { text as t, told } from '../../common/i18n/text.ts';
import { builtContentCache, cachedContent, contentKey, type ContentKind } from './content-cache.ts';
import type { ContentResult } from './content-problem.ts';

export { problemLine, problemText, type ContentProblem, type ContentResult } from './content-problem.ts';

export interface ContentSource<T> {
  kind: ContentKind;
  /** The schema, loaded on demand. */
  schema: () => Promise<z.ZodType<T>>;
}

export async function loadYamlFile<T>(file: string, source: ContentSource<T>): Promise<ContentResult<T>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const said = told(t('content.cannotRead', { error: (error as NodeJS.ErrnoException).code ?? (error as Error).message }));
    return { ok: false, problems: [{ file, line: 1, column: 1, ...said }] };
  }
  const cached = cachedContent(builtContentCache(), contentKey(file), source.kind, text);
  if (cached !== undefined) return { ok: true, value: cached as T };
  const [{ parseYamlText }, schema] = await Promise.all([import('./yaml-parse.ts'), source.schema()]);
  return parseYamlText(file, text, schema);
}
