// What each smtp_* parameter does to mail.sender.example, with real deliveries to the lab
// receiver (configured through its own smtpd_* parameters, the legacy setting among them).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OutboundMessage, SendRequest } from '../../../common/sender.ts';
import { openAttackLab, type AttackLab } from '../attack/attack-fixture.ts';

let t: AttackLab;

beforeAll(async () => {
  t = await openAttackLab();
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  t.lab.postconf.reset();
  await t.attacker.off();
});

const set = (...assignments: string[]) => {
  const result = t.lab.postconf.edit(assignments);
  expect(result.ok, JSON.stringify(result)).toBe(true);
};

async function send(extra: Partial<SendRequest> = {}): Promise<OutboundMessage> {
  const submitted = t.lab.sender.submit({ from: 'alice@sender.example', to: ['bob@example.jp'], subject: 'postconf', body: 'hello\n', ...extra });
  if (!submitted.ok) throw new Error(submitted.message);
  return t.lab.sender.settled(submitted.message.id);
}
const last = (m: OutboundMessage) => m.attempts.at(-1)!;
const rulesOf = (m: OutboundMessage) =>
  t.lab.trace
    .all()
    .filter((e) => e.layer === 'policy' && e.detail?.message === m.id)
    .map((e) => `${e.rule}: ${e.detail?.reason}`)
    .join('\n');

describe('the sender’s main.cf (smtp_* parameters)', () => {
  it('the lab main.cf: may, TLS 1.2 and later; without --policy the trace names main.cf', async () => {
    const m = await send();
    expect(m.state).toBe('delivered');
    // A certificate that happened to verify: "may" did not require it.
    expect(last(m).tls).toMatchObject({ version: 'TLSv1.3', authenticated: 'pkix', authenticationRequired: false });
    expect(last(m).tls?.authenticationRequiredBy).toBeUndefined();
    expect(rulesOf(m)).toMatch(/under the main\.cf \(smtp_tls_security_level = may\) policy/);
  });

  it('smtp_tls_protocols caps what the sender offers: <=TLSv1 against the legacy receiver gives TLS 1.0', async () => {
    set('smtpd_tls_protocols = >=TLSv1', 'smtp_tls_protocols = <=TLSv1');
    const m = await send();
    expect(m.state).toBe('delivered');
    expect(last(m).tls?.version).toBe('TLSv1');
    expect(t.lab.mailbox.list().at(-1)!.tls?.version).toBe('TLSv1');
    // The receiver at the lab default refuses it; an opportunistic sender then retries in cleartext.
    set('smtpd_tls_protocols = >=TLSv1.2');
    const refused = await send();
    expect(refused.state).toBe('delivered');
    expect(last(refused).tls).toBeNull();
  });

  it('smtp_tls_security_level = none sends in cleartext though STARTTLS is offered', async () => {
    set('smtp_tls_security_level = none');
    const m = await send();
    expect(m.state).toBe('delivered');
    expect(last(m).tls).toBeNull();
    expect(rulesOf(m)).toMatch(/TLS_README: none/);
  });

  it('encrypt: mandatory TLS with the mandatory protocols; no cleartext fallback', async () => {
    set('smtp_tls_security_level = encrypt', 'smtp_tls_mandatory_protocols = >=TLSv1.3', 'smtpd_tls_protocols = <=TLSv1.2');
    const m = await send();
    expect(m.state).toBe('deferred');
    expect(m.attempts.every((a) => a.tls === null)).toBe(true);
    expect(rulesOf(m)).toMatch(/TLS_README: encrypt/);
    // smtp_tls_protocols (opportunistic) is not what encrypt uses: loosening it changes nothing,
    set('smtp_tls_protocols = >=TLSv1');
    expect((await send()).state).toBe('deferred');
    // the mandatory list does.
    set('smtp_tls_mandatory_protocols = >=TLSv1.2');
    const ok = await send();
    expect(ok.state).toBe('delivered');
    expect(last(ok).tls).toMatchObject({ version: 'TLSv1.2', authenticated: 'pkix' });
  });

  it('encrypt does not check the certificate; verify and secure do', async () => {
    set('smtpd_tls_cert_file = /etc/smtp-lab/tls/wrong-name/cert.pem', 'smtpd_tls_key_file = /etc/smtp-lab/tls/wrong-name/privkey.pem');
    set('smtp_tls_security_level = encrypt');
    expect((await send()).state).toBe('delivered');
    set('smtp_tls_security_level = verify');
    const verify = await send();
    expect(verify.state).toBe('deferred');
    expect(rulesOf(verify)).toMatch(/TLS_README: verify.*not the MX host mx\.example\.jp/);
    set('smtpd_tls_cert_file = /etc/smtp-lab/tls/expired/cert.pem', 'smtpd_tls_key_file = /etc/smtp-lab/tls/expired/privkey.pem', 'smtp_tls_security_level = secure');
    const secure = await send();
    expect(secure.state).toBe('deferred');
    expect(rulesOf(secure)).toMatch(/TLS_README: secure.*expired/);
    set('smtpd_tls_cert_file = /etc/smtp-lab/tls/valid/cert.pem', 'smtpd_tls_key_file = /etc/smtp-lab/tls/valid/privkey.pem');
    const good = await send();
    expect(good.state).toBe('delivered');
    expect(last(good).tls).toMatchObject({ authenticated: 'pkix', authenticationRequired: true, authenticationRequiredBy: 'secure' });
    expect(rulesOf(good)).toMatch(/secure: TLSv1\.3, a trusted certificate naming mx\.example\.jp, under the next-hop domain example\.jp/);
  });

  it('encrypt and verify go to a spoofed MX; secure does not (the name must be under example.jp)', async () => {
    await t.attack('impostor');
    set('smtp_tls_security_level = encrypt');
    const encrypt = await send();
    expect(encrypt.outcome?.delivered).toBe(false);
    expect(encrypt.state).toBe('delivered');
    set('smtp_tls_security_level = secure');
    const secure = await send();
    expect(secure.state).toBe('deferred');
    expect(rulesOf(secure)).toMatch(/TLS_README: secure/);
  });

  it('smtp_tls_ciphers: the null grade on both ends gives an unencrypted TLS 1.2 session', async () => {
    set('smtpd_tls_protocols = <=TLSv1.2', 'smtpd_tls_ciphers = null', 'smtpd_tls_exclude_ciphers =', 'smtp_tls_ciphers = null');
    const m = await send();
    expect(m.state).toBe('delivered');
    expect(last(m).tls?.cipher).toMatch(/NULL/);
    // A sender at grade high shares no cipher with it: the handshake fails, and "may" retries in cleartext.
    set('smtp_tls_ciphers = high');
    const high = await send();
    expect(high.state).toBe('delivered');
    expect(last(high).tls).toBeNull();
    expect(rulesOf(high)).toMatch(/retry without STARTTLS/);
  });

  it('dane and dane-only authenticate mx.example.jp by its TLSA record', async () => {
    set('smtp_tls_security_level = dane-only');
    const m = await send();
    expect(m.state).toBe('delivered');
    expect(last(m).tls?.authenticated).toBe('dane');
  });

  it('without a TLSA record dane falls back to opportunistic TLS; dane-only does not deliver', async () => {
    const tlsa = t.lab.dnsService!.zones().find((z) => z.origin === 'example.jp')!.records.find((r) => /^_25\._tcp\.mx\.example\.jp\.\s.*\bTLSA\b/.test(r))!;
    expect(t.lab.dnsService!.edit({ op: 'delete', zone: 'example.jp', name: '_25._tcp.mx', type: 'TLSA' }).ok).toBe(true);
    try {
      set('smtp_tls_security_level = dane');
      const dane = await send();
      expect(dane.state).toBe('delivered');
      expect(last(dane).tls?.version).toBe('TLSv1.3');
      expect(last(dane).tls?.authenticated).not.toBe('dane');
      set('smtp_tls_security_level = dane-only');
      const daneOnly = await send();
      expect(daneOnly.state).toBe('deferred');
      expect(daneOnly.attempts.every((a) => a.tls === null)).toBe(true);
    } finally {
      t.lab.dnsService!.edit({ op: 'add', zone: 'example.jp', name: '_25._tcp.mx', type: 'TLSA', value: tlsa.replace(/^.*\bTLSA\s+/, '') });
    }
  });

  it('smtp_tls_mandatory_ciphers is the grade of mandatory TLS; smtp_tls_ciphers does not change it', async () => {
    set('smtpd_tls_protocols = <=TLSv1.2', 'smtpd_tls_ciphers = null', 'smtpd_tls_exclude_ciphers =', 'smtp_tls_security_level = encrypt');
    set('smtp_tls_mandatory_ciphers = null');
    const nullGrade = await send();
    expect(nullGrade.state).toBe('delivered');
    expect(last(nullGrade).tls?.cipher).toMatch(/NULL/);
    // At grade high the sender shares no cipher with it, and encrypt has no cleartext to fall back to.
    set('smtp_tls_mandatory_ciphers = high', 'smtp_tls_ciphers = null');
    const high = await send();
    expect(high.state).toBe('deferred');
    expect(high.attempts.every((a) => a.tls === null)).toBe(true);
    expect(rulesOf(high)).toMatch(/TLS_README: encrypt/);
  });

  it('smtp_tls_policy_maps = socketmap:inet:127.0.0.1:8461:postfix turns MTA-STS on: stripping STARTTLS no longer works', async () => {
    await t.attack('strip-starttls');
    const plain = await send();
    expect(plain.state).toBe('delivered');
    expect(last(plain).tls).toBeNull();
    set('smtp_tls_policy_maps = socketmap:inet:127.0.0.1:8461:postfix');
    const sts = await send();
    expect(sts.state).toBe('deferred');
    expect(rulesOf(sts)).toMatch(/RFC 8461 §5/);
  });

  it('--policy overrides main.cf for one message', async () => {
    set('smtp_tls_security_level = none');
    const m = await send({ policy: 'opportunistic' });
    expect(last(m).tls?.version).toBe('TLSv1.3');
  });
});

describe('the legacy receiver and the downgrade', () => {
  it('tls-downgrade max=TLSv1 against a fallback sender without SCSV ends in TLS 1.0 when the receiver allows it', async () => {
    set('smtpd_tls_protocols = >=TLSv1');
    await t.attack('tls-downgrade', { max: 'TLSv1', mode: 'reset' });
    const m = await send({ policy: 'fallback', fallbackScsv: false });
    expect(m.state).toBe('delivered');
    expect(m.outcome?.downgrade).toMatchObject({ offered: ['TLSv1.3', 'TLSv1.2', 'TLSv1.1', 'TLSv1'], then: 'tls', version: 'TLSv1' });
    expect(t.lab.mailbox.list().at(-1)!.tls?.version).toBe('TLSv1');
  });
});
