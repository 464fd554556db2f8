#!/usr/bin/env node
// The smtp-lab command. It runs the build in dist/cli/ (bin/build-engine.js, made at npm install)
// when the build is there and no source file in it changed since; otherwise the TypeScript sources
// through tsx, which is slower to start but always current. SMTP_LAB_FROM_SOURCE=1 asks for the sources.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBuildCurrent } from './build-freshness.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'cli');

let code;
if (process.env.SMTP_LAB_FROM_SOURCE !== '1' && isBuildCurrent(root, built)) {
  const { main, builtCatalog } = await import('../dist/cli/main.js');
  code = await main(process.argv.slice(2), builtCatalog(built));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../engine/cli/main.ts');
  code = await main(process.argv.slice(2));
}
// Flush what is still buffered for stdout before exiting with the command's code.
process.stdout.write('', () => process.exit(code));
