import { homedir } from 'node:os';
import { join } from 'node:path';

/** The user's data directory for the lab: keys, certificates, run files. SMTP_LAB_DATA overrides it. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SMTP_LAB_DATA) return env.SMTP_LAB_DATA;
  if (process.platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'smtp-lab');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'smtp-lab');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'smtp-lab');
}
