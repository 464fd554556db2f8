// Zone keys live in <dataDir>/dns/keys/<zone>.json (mode 0600): generated on first use, reused after.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALG_ECDSAP256SHA256, KSK_FLAGS, ZSK_FLAGS, keyTag, publicKeyField } from '../dnssec/keys-crypto.ts';
import { ROOT } from '../wire/names.ts';
import type { SigningKey, ZoneKeys } from './zone-data.ts';

interface StoredKeys {
  zone: string;
  algorithm: number;
  ksk: string;
  zsk: string;
}

export function keysDir(dataDir: string): string {
  return join(dataDir, 'dns', 'keys');
}

function fileFor(dataDir: string, origin: string): string {
  return join(keysDir(dataDir), `${origin === ROOT ? 'root' : origin}.json`);
}

export function signingKey(privateKey: KeyObject, flags: number): SigningKey {
  const dnskey = { flags, algorithm: ALG_ECDSAP256SHA256, key: publicKeyField(createPublicKey(privateKey)) };
  return { privateKey, dnskey, tag: keyTag(dnskey) };
}

export function generateZoneKeys(): ZoneKeys {
  const make = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  return { ksk: signingKey(make(), KSK_FLAGS), zsk: signingKey(make(), ZSK_FLAGS) };
}

function pem(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }) as string;
}

/** Keys parsed from a file's text: every lab start reads the file, the PEM is parsed once a process. */
const parsed = new Map<string, ZoneKeys>();
const PARSED_KEPT = 64;

function readKeys(file: string): ZoneKeys | null {
  try {
    const text = readFileSync(file, 'utf8');
    const known = parsed.get(text);
    if (known) return known;
    const stored = JSON.parse(text) as StoredKeys;
    const keys = { ksk: signingKey(createPrivateKey(stored.ksk), KSK_FLAGS), zsk: signingKey(createPrivateKey(stored.zsk), ZSK_FLAGS) };
    if (parsed.size >= PARSED_KEPT) parsed.delete(parsed.keys().next().value!);
    parsed.set(text, keys);
    return keys;
  } catch {
    return null;
  }
}

/** The zone's keys from the data directory, generated and saved (0600) when absent or unreadable. */
export function loadZoneKeys(dataDir: string, origin: string): ZoneKeys {
  const file = fileFor(dataDir, origin);
  const existing = existsSync(file) ? readKeys(file) : null;
  if (existing) return existing;
  // A damaged key file is replaced: the lab's zones are then re-signed with fresh keys.
  if (existsSync(file)) rmSync(file, { force: true });
  const keys = generateZoneKeys();
  mkdirSync(keysDir(dataDir), { recursive: true, mode: 0o700 });
  const stored: StoredKeys = { zone: origin, algorithm: ALG_ECDSAP256SHA256, ksk: pem(keys.ksk.privateKey), zsk: pem(keys.zsk.privateKey) };
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(stored, null, 2), { mode: 0o600 });
  chmodSync(temp, 0o600);
  try {
    // link() creates the file only if absent: when two processes start at once, both use the first one's keys.
    linkSync(temp, file);
  } catch {
    // Another process won the race.
  }
  rmSync(temp, { force: true });
  return readKeys(file) ?? keys;
}
