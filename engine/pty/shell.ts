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

/**
 * The environment of a lab terminal: the lab's tools first on PATH, the run the tools talk to, and
 * and, when the UI gave its language, the file that holds it (SMTP_LAB_LANG_FILE): the lab's tools read
 * it at each command, so switching the UI's language reaches shells already open. SMTP_LAB_LANG from
 * the engine's own environment is left out then, or it would pin the shell to one language; a learner
 * can still set it in the shell.
 */
export function terminalEnv(base: NodeJS.ProcessEnv, toolsDir: string, runFile: string, langFile?: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(base)) if (value !== undefined) env[key] = value;
  const pathKey = Object.keys(env).find((key) => key.toUpperCase() === 'PATH') ?? 'PATH';
  env[pathKey] = env[pathKey] ? `${toolsDir}${delimiter}${env[pathKey]}` : toolsDir;
  env.SMTP_LAB_RUN = runFile;
  if (langFile) {
    env.SMTP_LAB_LANG_FILE = langFile;
    delete env.SMTP_LAB_LANG;
  }
  // The desktop app runs the engine as Electron-as-Node; Electron apps the learner starts
  // from this shell must start as themselves (the lab's tools set it again when they need it).
  delete env.ELECTRON_RUN_AS_NODE;
  env.TERM = 'xterm-256color';
  env.COLORTERM = 'truecolor';
  Object.assign(env, utf8Ctype(env, process.platform));
  return env;
}

/**
 * xterm.js sends UTF-8. A shell whose LC_CTYPE is not UTF-8 (no locale set, or LANG naming a locale
 * that is not installed, as in many containers) reads each byte of "会議" as a Meta key: readline
 * then jumps through history instead of inserting text. Character type alone is set, so messages
 * keep the learner's language.
 */
export function utf8Ctype(env: Record<string, string>, platform: NodeJS.Platform): Record<string, string> {
  if (platform === 'win32') return {};
  const utf8 = platform === 'darwin' ? 'UTF-8' : 'C.UTF-8';
  const isUtf8 = (value: string | undefined) => value !== undefined && /utf-?8/i.test(value);
  if (env.LC_ALL) return isUtf8(env.LC_ALL) ? {} : { LC_ALL: utf8 };
  return isUtf8(env.LC_CTYPE) ? {} : { LC_CTYPE: utf8 };
}
