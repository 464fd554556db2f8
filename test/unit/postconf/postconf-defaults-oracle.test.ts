// The defaults `smtp-lab postconf -d` prints are Postfix's own: compared with the real postconf
// of the Debian package `postfix` when it is installed.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createPostconfService } from '../../../engine/postconf/postconf-service.ts';
import { PARAMETERS } from '../../../engine/postconf/parameters.ts';

function realPostconf(): string | null {
  for (const path of ['/usr/sbin/postconf', '/sbin/postconf']) {
    try {
      return execFileSync(path, ['-d', ...PARAMETERS.map((p) => p.name)], { encoding: 'utf8' });
    } catch {
      // not there
    }
  }
  return null;
}

const real = realPostconf();

describe('postconf -d against Postfix', () => {
  it.skipIf(real === null)('prints the same lines as Postfix’s postconf -d (skipped: Debian package postfix not installed)', () => {
    const ours = createPostconfService({ apply: () => {}, nodes: { receiver: 'mx.example.jp', sender: 'mail.sender.example' } }).show('defaults');
    expect(ours.ok && ours.lines.join('\n')).toBe(real!.trimEnd());
  });
});
