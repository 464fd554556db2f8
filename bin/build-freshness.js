// Whether the engine build in a folder (bin/build-engine.js) was made from the sources as they are
// now: none of the source files that went into it, and no folder it read, changed since it started.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function isBuildCurrent(root, builtDir) {
  let info;
  try {
    info = JSON.parse(readFileSync(join(builtDir, 'build-info.json'), 'utf8'));
  } catch {
    return false;
  }
  for (const path of [...info.inputs, ...info.dirs]) {
    try {
      if (statSync(join(root, path)).mtimeMs > info.builtAt) return false;
    } catch {
      return false;
    }
  }
  return true;
}
