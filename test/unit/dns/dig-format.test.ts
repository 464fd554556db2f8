// The chain of trust as labdig prints it: where the chain stops and why, not a dangling arrow
// (RFC 4035 §5.2: no DS at the parent, proven by NSEC, is an insecure delegation).
import { describe, expect, it } from 'vitest';
import { digText } from '../../../engine/dns/lab/dig-format.ts';
import { harness } from './lab-zones.ts';

const chainOf = (text: string) => text.slice(text.indexOf(';; CHAIN OF TRUST:')).split('\n').filter(Boolean);

describe('labdig chain of trust', () => {
  it('a secure zone: the trust anchor at the root, then DS -> DNSKEY at each cut', async () => {
    const r = await harness().resolver.lookup('example.jp', 'MX');
    const lines = chainOf(digText(r, 'test'));
    expect(lines[1]).toMatch(/^;; {3}\. +secure +trust anchor -> DNSKEY \d+$/);
    expect(lines[3]).toMatch(/^;; {3}example\.jp\. +secure +DS \d+ -> DNSKEY \d+$/);
  });

  it('missing-ds: says the chain ends at example.jp because jp holds no DS, with the NSEC proof', async () => {
    const r = await harness({ modes: { 'example.jp': 'missing-ds' } }).resolver.lookup('example.jp', 'MX');
    const text = digText(r, 'test');
    const lines = chainOf(text);
    expect(lines[3]).toMatch(/^;; {3}example\.jp\. +insecure +no DS in jp\. -> the chain of trust ends here: insecure delegation \(RFC 4035 §5\.2\)$/);
    expect(lines[4]).toMatch(/^;; {5}NSEC at example\.jp lists NS but not DS/);
    expect(text).not.toMatch(/example\.jp\. +insecure +trust anchor/);
    const ja = chainOf(digText(r, 'test', 'ja'));
    expect(ja[3]).toContain('jp. に DS なし -> 信頼の連鎖はここで終わる：安全でない委任');
  });

  it('wrong-ds: says where the chain breaks and why', async () => {
    const r = await harness({ modes: { 'example.jp': 'wrong-ds' } }).resolver.lookup('example.jp', 'MX');
    const lines = chainOf(digText(r, 'test'));
    expect(lines[3]).toMatch(/^;; {3}example\.jp\. +bogus +DS \d+ -> the chain of trust breaks here \(RFC 4035 §5\.2\)$/);
    expect(lines[4]).toMatch(/digest of DNSKEY \d+ does not match/);
  });
});
