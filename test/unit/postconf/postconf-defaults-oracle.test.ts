// The defaults `smtp-lab postconf -d` prints are Postfix's own: compared with the real postconf
// of the Debian package `postfix` when it is installed.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createPostconfService } from '../../../engine/postconf/postconf-service.ts';
import { PARAMETERS } from '../../../engine/postconf/parameters.ts';

function realPostconf(names: readonly string[]): string | null {
  for (const path of ['/usr/sbin/postconf', '/sbin/postconf']) {
    try {
      return execFileSync(path, ['-d', ...names], { encoding: 'utf8' });
    } catch {
      // not there
    }
  }
  return null;
}

const real = realPostconf(PARAMETERS.map((p) => p.name));
const ours = () => createPostconfService({ apply: () => {}, nodes: { receiver: 'mx.example.jp', sender: 'mail.sender.example' } });

describe('postconf -d against Postfix', () => {
  it.skipIf(real === null)('prints the same lines as Postfix’s postconf -d (skipped: Debian package postfix not installed)', () => {
    const all = ours().show('defaults');
    expect(all.ok && all.lines.join('\n')).toBe(real!.trimEnd());
  });

  it.skipIf(real === null)('prints named parameters in the order given, a repeat twice, as Postfix does (skipped: no postfix)', () => {
    const names = ['smtpd_tls_security_level', 'smtp_tls_protocols', 'smtpd_tls_ciphers', 'smtpd_tls_security_level'];
    const named = ours().show('defaults', names);
    expect(named.ok && named.lines.join('\n')).toBe(realPostconf(names)!.trimEnd());
  });
});
