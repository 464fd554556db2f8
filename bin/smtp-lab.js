#!/usr/bin/env node
// The smtp-lab command: TypeScript sources run through tsx, no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../engine/cli/main.ts');
const code = await main(process.argv.slice(2));
// Flush what is still buffered for stdout before exiting with the command's code.
process.stdout.write('', () => process.exit(code));
