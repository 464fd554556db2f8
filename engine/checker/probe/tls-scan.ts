// Which TLS versions and cipher suites a server accepts, found as testssl.sh and internet.nl do:
// real handshakes, one version at a time, then for each accepted version every suite the
// client's OpenSSL knows is offered, the one the server picks is removed, and again, until the
// server refuses what is left.
import type { SecureVersion } from 'node:tls';
import type { TlsLimits } from '../../nodes/sender/trust-store.ts';
import { TLS_VERSIONS, type TlsVersionName } from '../tls-classes.ts';
import type { VersionProbe } from '../facts.ts';

export type HandshakeResult = { ok: true; version: string; cipher: string } | { ok: false; error: string };
export type HandshakeProbe = (limits: TlsLimits) => Promise<HandshakeResult>;

/** Everything OpenSSL 3 can still offer; security level 0 lets TLS 1.0/1.1 and weak suites through (STACK.md). */
const ALL_TLS12 = 'ALL:COMPLEMENTOFALL';
const SECLEVEL0 = '@SECLEVEL=0';
/** The TLS 1.3 suites of RFC 8446 §B.4. */
export const TLS13_SUITES = ['TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256', 'TLS_AES_128_GCM_SHA256', 'TLS_AES_128_CCM_SHA256', 'TLS_AES_128_CCM_8_SHA256'];
/** More suites than any OpenSSL build knows: a server that never refuses must not loop. */
const MAX_SUITES = 200;

function offer(version: TlsVersionName, without: readonly string[]): TlsLimits | null {
  const only = { minVersion: version as SecureVersion, maxVersion: version as SecureVersion };
  if (version === 'TLSv1.3') {
    const left = TLS13_SUITES.filter((s) => !without.includes(s));
    return left.length ? { ...only, ciphers: left.join(':') } : null;
  }
  return { ...only, ciphers: [ALL_TLS12, ...without.map((c) => `!${c}`), SECLEVEL0].join(':') };
}

export async function scanVersions(probe: HandshakeProbe): Promise<VersionProbe[]> {
  const out: VersionProbe[] = [];
  for (const version of TLS_VERSIONS) {
    const result = await probe(offer(version, [])!);
    out.push(result.ok && result.version === version ? { version, accepted: true, cipher: result.cipher } : { version, accepted: false, error: result.ok ? `negotiated ${result.version}` : result.error });
  }
  return out;
}

export async function acceptedSuites(probe: HandshakeProbe, version: TlsVersionName): Promise<string[]> {
  const found: string[] = [];
  for (let i = 0; i < MAX_SUITES; i++) {
    const limits = offer(version, found);
    if (!limits) break;
    const result = await probe(limits);
    if (!result.ok || result.version !== version || found.includes(result.cipher)) break;
    found.push(result.cipher);
  }
  return found;
}
