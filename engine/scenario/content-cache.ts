// Lab and scenario files as the build already parsed and validated them (bin/build-engine.js writes
// content-cache.json beside the compiled engine). A file whose text is still what the build read is
// taken from there, so starting the lab parses no YAML and loads neither the YAML nor the schema
// library; any file edited since (a lab an instructor changed or added) is parsed as usual. Run from
// the sources, there is no cache file beside this module and every file is parsed.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export type ContentKind = 'lab' | 'scenario';

export interface ContentCacheEntry {
  kind: ContentKind;
  /** sha256 of the file's text, hex. */
  sha256: string;
  value: unknown;
}

/** Keyed by the file's path relative to the project root, with `/` separators. */
export interface ContentCacheFile {
  entries: Record<string, ContentCacheEntry>;
}

export const CONTENT_CACHE_NAME = 'content-cache.json';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const contentKey = (file: string, root = ROOT): string => relative(root, file).split(/[\\/]/).join('/');
export const contentHash = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The validated value of a file whose text is unchanged since the cache was written, else undefined. */
export function cachedContent(cache: ContentCacheFile | null, key: string, kind: ContentKind, text: string): unknown {
  const entry = cache?.entries[key];
  if (!entry || entry.kind !== kind || entry.sha256 !== contentHash(text)) return undefined;
  return structuredClone(entry.value);
}

let loaded: ContentCacheFile | null | undefined;

/** The cache beside the running engine, or null (run from the sources, or no build). */
export function builtContentCache(): ContentCacheFile | null {
  if (loaded === undefined) {
    try {
      loaded = JSON.parse(readFileSync(new URL(`./${CONTENT_CACHE_NAME}`, import.meta.url), 'utf8')) as ContentCacheFile;
    } catch {
      loaded = null;
    }
  }
  return loaded;
}
