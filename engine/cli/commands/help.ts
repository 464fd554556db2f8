import { commandNames, loadCommand } from '../main.ts';

export const summary = 'list the commands';

export async function run(): Promise<number> {
  const lines = ['usage: smtp-lab <command> [options]', '', 'commands:'];
  for (const name of commandNames()) {
    const command = await loadCommand(name);
    lines.push(`  ${name.padEnd(10)} ${command?.summary ?? ''}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
