// Issue 18: a damaged leaf key, CA key or DKIM key is issued again, as the zone keys are, instead
// of stopping the lab with "error:1E08010C:DECODER routines::unsupported".
import { createSecureContext } from 'node:tls';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDkimKey } from '../../../engine/nodes/sender/dkim/dkim-key.ts';
import { keyMatches, loadLabPki } from '../../../engine/pki/lab-pki.ts';

const GARBAGE = '-----BEGIN PRIVATE KEY-----\nnot a key at all\n-----END PRIVATE KEY-----\n';

describe('damaged key files', () => {
  it('issues a leaf again when its key file is corrupt or belongs to another certificate', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-keys-'));
    const first = await (await loadLabPki(dataDir)).leaf('mx.example.jp');
    const keyPath = join(dataDir, 'pki', 'mx.example.jp.key');
    writeFileSync(keyPath, GARBAGE);
    const again = await (await loadLabPki(dataDir)).leaf('mx.example.jp');
    expect(keyMatches(again)).toBe(true);
    expect(() => createSecureContext({ cert: again.certPem, key: again.keyPem })).not.toThrow();
    expect(readFileSync(keyPath, 'utf8')).toBe(again.keyPem);
    // A valid key of another pair does not fit the certificate either.
    writeFileSync(keyPath, first.keyPem === again.keyPem ? GARBAGE : first.keyPem);
    expect(keyMatches(await (await loadLabPki(dataDir)).leaf('mx.example.jp'))).toBe(true);
  });

  it('makes a new CA when the CA key is corrupt', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-keys-'));
    const before = await loadLabPki(dataDir);
    writeFileSync(join(dataDir, 'pki', 'ca.key'), GARBAGE);
    const after = await loadLabPki(dataDir);
    expect(after.caCertPem).not.toBe(before.caCertPem);
    const leaf = await after.leaf('mx.example.jp');
    expect(keyMatches(leaf)).toBe(true);
  });

  it('makes a new DKIM key when the file is corrupt', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-keys-'));
    const first = loadDkimKey(dataDir);
    writeFileSync(join(dataDir, 'dkim', 'sender.example.key'), GARBAGE);
    const second = loadDkimKey(dataDir);
    expect(second.txt).toMatch(/^v=DKIM1; k=rsa; p=[A-Za-z0-9+/=]+$/);
    expect(second.txt).not.toBe(first.txt);
    expect(loadDkimKey(dataDir).txt).toBe(second.txt);
  });
});
