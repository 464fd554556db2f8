import { existsSync } from 'node:fs';
import { delimiter } from 'node:path';

export interface ShellCommand {
  file: string;
  args: string[];
}

/** The user's own shell: $SHELL, else bash, else sh; on Windows PowerShell, else cmd. */
export function userShell(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): ShellCommand {
  if (platform === 'win32') {
    const powershell = findOnPath('powershell.exe', env);
    return powershell ? { file: powershell, args: ['-NoLogo'] } : { file: env.COMSPEC || 'cmd.exe', args: [] };
  }
  if (env.SHELL && existsSync(env.SHELL)) return { file: env.SHELL, args: [] };
  const bash = findOnPath('bash', env);
  if (bash) return { file: bash, args: [] };
  return { file: '/bin/sh', args: [] };
}

function findOnPath(name: string, env: NodeJS.ProcessEnv): string | null {
  const path = env.PATH ?? env.Path ?? '';
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = `${dir}${process.platform === 'win32' ? '\\' : '/'}${name}`;
    if (existsSync(candidate)) return candidate;
  }
  return null;
}

/** The environment of a lab terminal: the lab's tools first on PATH and the run the tools talk to. */
export function terminalEnv(base: NodeJS.ProcessEnv, toolsDir: string, runFile: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) if (value !== undefined) env[key] = value;
  const pathKey = Object.keys(env).find((key) => key.toUpperCase() === 'PATH') ?? 'PATH';
  env[pathKey] = env[pathKey] ? `${toolsDir}${delimiter}${env[pathKey]}` : toolsDir;
  env.SMTP_LAB_RUN = runFile;
  // The desktop app runs the engine as Electron-as-Node; Electron apps the learner starts
  // from this shell must start as themselves (the lab's tools set it again when they need it).
  delete env.ELECTRON_RUN_AS_NODE;
  env.TERM = 'xterm-256color';
  env.COLORTERM = 'truecolor';
  return env;
}
