// The sender's DKIM signature verifies against the key published in the lab's sender.example zone
// (RFC 6376 §6), checked by mailauth's verifier with the lab resolver; a changed body fails.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startLab, type StartedLab } from '../../../../../engine/lab/start-lab.ts';
import { loadDkimKey } from '../../../../../engine/nodes/sender/dkim/dkim-key.ts';
import { signMessage } from '../../../../../engine/nodes/sender/dkim/dkim-sign.ts';

let dataDir: string;
let lab: StartedLab;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-dkim-'));
  lab = await startLab({ dataDir });
}, 30_000);
afterAll(async () => {
  await lab.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const resolver = async (name: string, type: string) => {
  const result = await lab.dns.resolver('mx.example.jp', { validate: true }).lookup(name, type);
  if (result.answers.length === 0) throw Object.assign(new Error(`${name} ${type}: ${result.rcode}`), { code: 'ENOTFOUND' });
  return result.answers.filter((rr) => rr.type === 'TXT').map((rr) => (rr.data as Buffer[]).map((b) => Buffer.from(b).toString('latin1')));
};

const message = Buffer.from('From: <tlsrpt-noreply@sender.example>\r\nTo: <tlsrpt@example.jp>\r\nSubject: Report Domain: example.jp\r\nDate: Mon, 23 Nov 2026 09:00:00 +0000\r\n\r\nreport\r\n');

it('keeps one key per data directory', () => {
  expect(loadDkimKey(dataDir).privateKeyPem).toBe(loadDkimKey(dataDir).privateKeyPem);
});

it('signs so that a verifier using the lab DNS says pass, and not for a changed body', async () => {
  const signed = await signMessage(message, loadDkimKey(dataDir));
  expect(signed.toString()).toMatch(/^DKIM-Signature: .*d=sender\.example;/s);
  const good = await dkimVerify(signed, { resolver } as never);
  expect(good.results[0].status.result).toBe('pass');
  const tampered = Buffer.from(signed.toString().replace('report\r\n', 'r3port\r\n'));
  const bad = await dkimVerify(tampered, { resolver } as never);
  // mailauth reports a body hash mismatch as neutral with the reason (RFC 6376 §3.7: the body hash did not verify).
  expect(bad.results[0].status.result).not.toBe('pass');
  expect(JSON.stringify(bad.results[0].status)).toMatch(/body hash/i);
});

it('signs with one t= even when a second passes while it signs (the header signed is the header sent)', async () => {
  // mailauth stamps t= from the clock each time it formats the header unless a signing time is
  // given: once for the hash, once for the header it writes. A clock that moves a second between
  // the two made about one signature in a hundred fail under load.
  let now = Date.UTC(2026, 11, 6, 9, 18, 9, 400);
  const clock = vi.spyOn(Date, 'now').mockImplementation(() => (now += 700));
  try {
    const signed = await signMessage(message, loadDkimKey(dataDir));
    clock.mockRestore();
    const verified = await dkimVerify(signed, { resolver } as never);
    expect(verified.results[0].status.result).toBe('pass');
  } finally {
    clock.mockRestore();
  }
});
