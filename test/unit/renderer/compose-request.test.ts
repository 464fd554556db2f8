import { describe, expect, it } from 'vitest';
import { DEFAULT_COMPOSE, recipients, sendRequest } from '../../../renderer/src/lib/compose-request.ts';
import { parseSendRequest } from '../../../common/protocol.ts';

describe('compose form to SendRequest', () => {
  it('starts from alice@sender.example to bob@example.jp, with no policy: main.cf decides', () => {
    const request = sendRequest({ ...DEFAULT_COMPOSE, subject: 'Hi', body: 'Hello' });
    expect('policy' in request).toBe(false);
    expect(request).toEqual({
      from: 'alice@sender.example',
      to: ['bob@example.jp'],
      subject: 'Hi',
      body: 'Hello',
      dnssec: false,
      requireTls: false,
      tlsRequiredNo: false,
    });
    expect(parseSendRequest(request)).toEqual(request);
  });

  it('splits recipients on commas, semicolons and spaces', () => {
    expect(recipients(' bob@example.jp, carol@example.jp;dave@example.jp  ')).toEqual(['bob@example.jp', 'carol@example.jp', 'dave@example.jp']);
    expect(recipients('  ')).toEqual([]);
  });

  it('always validates DNSSEC under a DANE policy', () => {
    expect(sendRequest({ ...DEFAULT_COMPOSE, policy: 'dane', dnssec: false }).dnssec).toBe(true);
    expect(sendRequest({ ...DEFAULT_COMPOSE, policy: 'dane+mta-sts', dnssec: false }).dnssec).toBe(true);
    expect(sendRequest({ ...DEFAULT_COMPOSE, policy: 'mta-sts', dnssec: true }).dnssec).toBe(true);
    expect(sendRequest({ ...DEFAULT_COMPOSE, policy: 'mta-sts', dnssec: false }).dnssec).toBe(false);
    expect(sendRequest({ ...DEFAULT_COMPOSE, policy: 'opportunistic' }).policy).toBe('opportunistic');
  });

  it('sends TLS_FALLBACK_SCSV only with the fallback policy', () => {
    expect(sendRequest({ ...DEFAULT_COMPOSE, policy: 'fallback', fallbackScsv: false }).fallbackScsv).toBe(false);
    expect(sendRequest({ ...DEFAULT_COMPOSE, policy: 'fallback' }).fallbackScsv).toBe(true);
    expect('fallbackScsv' in sendRequest({ ...DEFAULT_COMPOSE, policy: 'opportunistic' })).toBe(false);
  });

  it('builds requests the engine accepts for every policy and switch', () => {
    for (const policy of ['main.cf', 'opportunistic', 'fallback', 'mta-sts', 'dane', 'dane+mta-sts'] as const) {
      const request = sendRequest({ ...DEFAULT_COMPOSE, policy, requireTls: true, tlsRequiredNo: true, to: 'bob@example.jp, carol@example.jp' });
      expect(parseSendRequest(request), policy).toEqual(request);
    }
  });
});
