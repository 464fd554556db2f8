import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';

/**
 * Opens the URL in the default browser, through a redirect file readable only by the user, so the
 * token does not show up in the process list. Failure is fine: the URL is printed anyway.
 */
export function openBrowser(url: string, redirectFile: string): void {
  const escaped = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  writeFileSync(redirectFile, `<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${escaped}"><title>SMTP Lab</title>\n`, { mode: 0o600 });
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [redirectFile]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', redirectFile]]
        : ['xdg-open', [redirectFile]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No browser here.
  }
}
