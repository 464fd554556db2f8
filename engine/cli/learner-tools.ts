// The learner's tools in the lab terminal: smtp-lab itself, `smtp`, and every command whose name
// starts with "lab" (`lab`, `labdig`, ...), so a new learner tool is one command file.
import { installTools, type InstallToolsOptions, type TerminalTools } from '../tools/install-tools.ts';
import { commandFileNames, SOURCE_COMMANDS_DIR } from './command-catalog.ts';

/** Tool name -> the smtp-lab arguments it stands for. */
export function terminalTools(commands: string[] = commandFileNames(SOURCE_COMMANDS_DIR)): TerminalTools {
  const tools: TerminalTools = { 'smtp-lab': [], smtp: ['smtp'] };
  for (const name of commands) if (name.startsWith('lab')) tools[name] = [name];
  return tools;
}

/** Writes the learner's tools into <dataDir>/tools/bin and returns that folder. */
export function installLearnerTools(dataDir: string, options: InstallToolsOptions = {}): string {
  return installTools(dataDir, terminalTools(), options);
}
