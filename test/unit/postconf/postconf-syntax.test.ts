// main.cf syntax and the values postconf(5) allows, without sockets.
import { describe, expect, it } from 'vitest';
import { parseMainCf } from '../../../engine/postconf/main-cf-syntax.ts';
import { parseTlsProtocols } from '../../../engine/postconf/tls-protocols.ts';
import { certChoice } from '../../../engine/postconf/cert-files.ts';
import { effectiveSettings } from '../../../engine/postconf/effective-settings.ts';
import { LAB_MAIN_CF } from '../../../engine/postconf/parameters.ts';
import { CIPHER_LISTS, type CipherGrade } from '../../../engine/postconf/cipher-grades.ts';

describe('TLS protocol lists (postconf(5) smtpd_tls_protocols)', () => {
  it.each([
    ['>=TLSv1', 'TLSv1', 'TLSv1.3'],
    ['>=TLSv1.2', 'TLSv1.2', 'TLSv1.3'],
    ['>=TLSv1, <=TLSv1.2', 'TLSv1', 'TLSv1.2'],
    ['>=0x0302', 'TLSv1.1', 'TLSv1.3'],
    ['>=303', 'TLSv1.2', 'TLSv1.3'],
    ['!SSLv2, !SSLv3', 'TLSv1', 'TLSv1.3'],
    ['!SSLv2, !SSLv3, !TLSv1, !TLSv1.1', 'TLSv1.2', 'TLSv1.3'],
    ['!TLSv1:!TLSv1.1', 'TLSv1.2', 'TLSv1.3'],
    ['!TLSv1.3', 'TLSv1', 'TLSv1.2'],
    ['TLSv1.2 TLSv1.3', 'TLSv1.2', 'TLSv1.3'],
    ['', 'TLSv1', 'TLSv1.3'],
  ])('%j allows %s to %s', (value, min, max) => {
    expect(parseTlsProtocols(value)).toEqual({ ok: true, range: { min, max } });
  });

  it.each([
    ['>=TLSv1.4', /not a protocol name|not a TLS protocol version/],
    ['>= TLSv1.2', /not a protocol name/],
    ['!0x0301', /not a protocol name/],
    ['!TLSv1.1', /gap/],
    ['>=TLSv1.3, <=TLSv1.2', /no TLS protocol version/],
    ['tlsv1.2', /not a protocol name/],
  ])('%j is refused', (value, message) => {
    const parsed = parseTlsProtocols(value);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });
});

describe('main.cf text', () => {
  it('reads assignments, continuation lines and comments, with their line numbers', () => {
    const { assignments, errors } = parseMainCf('# TLS\nsmtpd_tls_protocols = >=TLSv1.2,\n    <=TLSv1.3\n\nsmtpd_tls_security_level=may\n');
    expect(errors).toEqual([]);
    expect(assignments).toEqual([
      { index: 1, name: 'smtpd_tls_protocols', value: '>=TLSv1.2, <=TLSv1.3' },
      { index: 4, name: 'smtpd_tls_security_level', value: 'may' },
    ]);
  });

  it('names the line of a line that is not an assignment', () => {
    const { errors } = parseMainCf('smtpd_tls_security_level = may\nthis is not main.cf\n');
    expect(errors).toEqual([{ index: 1, message: expect.stringMatching(/name = value/), messageText: { key: 'postconf.notForm', params: { text: 'this is not main.cf' } } }]);
  });
});

describe('certificate files', () => {
  const files = (chainFiles: string, certFile = '', keyFile = '') => certChoice({ chainFiles, certFile, keyFile });

  it('reads key then chain from smtpd_tls_chain_files, which wins over cert_file', () => {
    expect(files('/etc/smtp-lab/tls/valid/privkey.pem, /etc/smtp-lab/tls/valid/fullchain.pem', '/etc/smtp-lab/tls/expired/cert.pem')).toEqual({ ok: true, choice: { variant: 'valid', chain: 'full' } });
    expect(files('', '/etc/smtp-lab/tls/expired/cert.pem', '/etc/smtp-lab/tls/expired/privkey.pem')).toEqual({ ok: true, choice: { variant: 'expired', chain: 'leaf' } });
  });

  it('refuses a key that is not the certificate’s, a file that does not exist, and no key at all', () => {
    expect(files('/etc/smtp-lab/tls/valid/privkey.pem /etc/smtp-lab/tls/expired/cert.pem')).toMatchObject({ ok: false, message: /does not belong/ });
    expect(files('', '/etc/ssl/certs/ssl-cert-snakeoil.pem', '/etc/ssl/private/ssl-cert-snakeoil.key')).toMatchObject({ ok: false, param: 'smtpd_tls_cert_file', message: /no such file/ });
    expect(files('', '/etc/smtp-lab/tls/valid/cert.pem', '/etc/smtp-lab/tls/valid/cert.pem')).toMatchObject({ ok: false, param: 'smtpd_tls_key_file', message: /no private key/ });
    expect(files('', '/etc/smtp-lab/tls/self-signed/fullchain.pem', '/etc/smtp-lab/tls/self-signed/privkey.pem')).toMatchObject({ ok: false, message: /self-signed/ });
  });
});

describe('effective settings', () => {
  const withLab = (changes: Record<string, string>) => effectiveSettings(new Map(Object.entries({ ...LAB_MAIN_CF, ...changes })));

  it("the lab's main.cf: opportunistic TLS 1.2+ both ways, the valid leaf, TLS in the Received field", () => {
    const r = withLab({});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.settings.receiver).toMatchObject({ level: 'may', protocols: { min: 'TLSv1.2', max: 'TLSv1.3' }, authOnly: true, receivedHeader: true, certificate: { variant: 'valid', chain: 'leaf' } });
    expect(r.settings.receiver.ciphers).toContain(CIPHER_LISTS[(LAB_MAIN_CF.smtpd_tls_ciphers ?? 'medium') as CipherGrade]);
    expect(r.settings.receiver.ciphers).not.toContain('SECLEVEL');
    expect(r.settings.sender).toMatchObject({ level: 'may', mtaSts: false, opportunistic: { protocols: { min: 'TLSv1.2' } } });
  });

  it('drops to security level 0 only for a legacy protocol range or the null grade', () => {
    const legacy = withLab({ smtpd_tls_protocols: '>=TLSv1' });
    expect(legacy.ok && legacy.settings.receiver.ciphers).toMatch(/@SECLEVEL=0$/);
    const mandatoryOnly = withLab({ smtpd_tls_mandatory_protocols: '>=TLSv1' });
    expect(mandatoryOnly.ok && mandatoryOnly.settings.receiver.ciphers).not.toMatch(/SECLEVEL/);
  });

  it('level encrypt takes the mandatory protocols and ciphers', () => {
    const r = withLab({ smtpd_tls_security_level: 'encrypt', smtpd_tls_mandatory_protocols: '>=TLSv1.3', smtpd_tls_mandatory_ciphers: 'high' });
    expect(r.ok && r.settings.receiver).toMatchObject({ level: 'encrypt', protocols: { min: 'TLSv1.3' } });
    expect(r.ok && r.settings.receiver.ciphers).toContain('aNULL:-aNULL:HIGH:@STRENGTH');
  });

  it('expands $name references, as in smtpd_tls_key_file = $smtpd_tls_cert_file', () => {
    const r = withLab({ smtpd_tls_cert_file: '/etc/smtp-lab/tls/valid/cert.pem', smtpd_tls_key_file: '$smtpd_tls_cert_file' });
    expect(r).toMatchObject({ ok: false, errors: [{ param: 'smtpd_tls_key_file', message: expect.stringMatching(/no private key/) }] });
    expect(withLab({ smtpd_tls_exclude_ciphers: '$no_such_parameter' })).toMatchObject({ ok: false, errors: [{ message: expect.stringMatching(/unknown parameter/) }] });
  });

  it('refuses a TLS level without a certificate and an exclusion that leaves no cipher', () => {
    expect(withLab({ smtpd_tls_cert_file: '', smtpd_tls_key_file: '' })).toMatchObject({ ok: false, errors: [{ param: 'smtpd_tls_security_level' }] });
    expect(withLab({ smtpd_tls_ciphers: 'medium', smtpd_tls_exclude_ciphers: 'ALL' })).toMatchObject({ ok: false, errors: [{ param: 'smtpd_tls_ciphers', message: expect.stringMatching(/no cipher match/) }] });
  });
});
