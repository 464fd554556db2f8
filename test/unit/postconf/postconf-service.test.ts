// postconf, -n, -d and -e on the service, without sockets: strict, all or nothing, and every
// change a config row in the trace.
import { describe, expect, it } from 'vitest';
import { createPostconfService } from '../../../engine/postconf/postconf-service.ts';
import { TraceStore } from '../../../engine/trace/trace-store.ts';
import { LAB_MAIN_CF } from '../../../engine/postconf/parameters.ts';
import { renderText } from '../../../common/i18n/text.ts';

function service() {
  const trace = new TraceStore();
  const applied: unknown[] = [];
  let n = 0;
  const postconf = createPostconfService({ apply: (s) => applied.push(s), trace, nextFlow: () => `f${++n}`, nodes: { receiver: 'mx.example.jp', sender: 'mail.sender.example' } });
  return { postconf, trace, applied };
}

describe('postconf service', () => {
  it('-n prints the lab main.cf sorted by name; -d the defaults; plain postconf every value; named ones in the order given', () => {
    const { postconf } = service();
    const n = postconf.show('non-default');
    expect(n.ok && n.lines).toContain('smtpd_tls_security_level = may');
    expect(n.ok && n.lines).toEqual(n.ok ? [...n.lines].sort() : []);
    // Named ones in the order asked, as Postfix's postconf prints them.
    expect(postconf.show('defaults', ['smtpd_tls_security_level', 'smtpd_tls_key_file'])).toEqual({ ok: true, lines: ['smtpd_tls_security_level =', 'smtpd_tls_key_file = $smtpd_tls_cert_file'] });
    expect(postconf.show('all', ['smtpd_tls_ciphers'])).toEqual({ ok: true, lines: [`smtpd_tls_ciphers = ${LAB_MAIN_CF.smtpd_tls_ciphers ?? 'medium'}`] });
    expect(postconf.show('all', ['smtpd_tls_chain_files'])).toEqual({ ok: true, lines: ['smtpd_tls_chain_files ='] });
  });

  it('-e changes the value, applies it and puts a config row with old and new value in the trace', () => {
    const { postconf, trace, applied } = service();
    const seen: number[] = [];
    postconf.subscribe(() => seen.push(1));
    expect(postconf.edit(['smtpd_tls_protocols = >=TLSv1'])).toEqual({ ok: true, changed: ['smtpd_tls_protocols'] });
    expect(postconf.show('non-default', ['smtpd_tls_protocols'])).toEqual({ ok: true, lines: ['smtpd_tls_protocols = >=TLSv1'] });
    expect(applied).toHaveLength(2);
    expect(seen).toEqual([1]);
    const row = trace.all().find((e) => e.detail?.kind === 'config')!;
    expect(row).toMatchObject({ layer: 'note', link: { from: 'mx.example.jp', to: 'mx.example.jp' }, detail: { param: 'smtpd_tls_protocols', old: '>=TLSv1.2', new: '>=TLSv1', via: 'postconf -e' } });
  });

  it('refuses an unknown parameter or a bad value with the reason, and changes nothing', () => {
    const { postconf, trace } = service();
    const before = postconf.show('non-default');
    const result = postconf.edit(['smtpd_tls_protocols = >=TLSv1', 'smtpd_tls_security_level = strict', 'smtpd_tls_bogus = 1']);
    expect(result).toEqual({
      ok: false,
      errors: [
        { index: 1, param: 'smtpd_tls_security_level', message: expect.stringMatching(/"strict" is not one of: none, may, encrypt/), messageText: expect.anything() },
        { index: 2, param: 'smtpd_tls_bogus', message: expect.stringMatching(/unknown parameter/), messageText: expect.anything() },
      ],
    });
    // The same refusals in Japanese: the value and the names stay, the sentence is translated.
    const ja = result.ok ? [] : result.errors.map((e) => renderText('ja', e.messageText!));
    expect(ja).toEqual(['smtpd_tls_security_level：「strict」は次のどれでもない：none、may、encrypt', 'smtpd_tls_bogus：未知のパラメータ。実習環境が知っているパラメータは postconf -d で一覧できる']);
    expect(postconf.show('non-default')).toEqual(before);
    expect(trace.all()).toEqual([]);
    expect(postconf.show('all', ['smtpd_tls_nothing'])).toMatchObject({ ok: false, errors: [{ index: 0, param: 'smtpd_tls_nothing' }] });
  });

  it('the main.cf text replaces main.cf; its errors name their line', () => {
    const { postconf } = service();
    const bad = postconf.replace('smtpd_tls_security_level = may\nsmtpd_tls_cert_file = /etc/smtp-lab/tls/valid/cert.pem\nsmtpd_tls_key_file = /etc/smtp-lab/tls/expired/privkey.pem\nsmtp_tls_security_level = fingerprint\n');
    expect(bad).toEqual({
      ok: false,
      errors: [{ index: 3, param: 'smtp_tls_security_level', message: expect.stringMatching(/fingerprint/), messageText: expect.anything() }],
    });
    const mismatch = postconf.replace('smtpd_tls_security_level = may\nsmtpd_tls_cert_file = /etc/smtp-lab/tls/valid/cert.pem\nsmtpd_tls_key_file = /etc/smtp-lab/tls/expired/privkey.pem\n');
    expect(mismatch).toMatchObject({ ok: false, errors: [{ index: 2, param: 'smtpd_tls_key_file', message: expect.stringMatching(/does not belong/) }] });
    const good = postconf.replace('smtpd_tls_security_level = may\nsmtpd_tls_chain_files = /etc/smtp-lab/tls/valid/privkey.pem, /etc/smtp-lab/tls/valid/fullchain.pem\n');
    expect(good.ok).toBe(true);
    expect(postconf.state().nonDefault).toEqual(['smtpd_tls_chain_files = /etc/smtp-lab/tls/valid/privkey.pem, /etc/smtp-lab/tls/valid/fullchain.pem', 'smtpd_tls_security_level = may']);
    expect(postconf.settings().receiver.receivedHeader).toBe(false);
    postconf.reset();
    expect(postconf.show('non-default', ['smtpd_tls_received_header'])).toEqual({ ok: true, lines: ['smtpd_tls_received_header = yes'] });
  });

  it('smtp_tls_policy_maps takes the MTA-STS resolver as its users write it, nothing else', () => {
    const { postconf } = service();
    expect(postconf.edit(['smtp_tls_policy_maps = socketmap:inet:127.0.0.1:8461:postfix']).ok).toBe(true);
    expect(postconf.settings().sender.mtaSts).toBe(true);
    expect(postconf.edit(['smtp_tls_policy_maps = hash:/etc/postfix/tls_policy'])).toMatchObject({ ok: false, errors: [{ message: expect.stringMatching(/socketmap:inet:127.0.0.1:8461:postfix/) }] });
  });
});
