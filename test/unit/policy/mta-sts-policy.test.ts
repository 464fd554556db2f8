// RFC 8461 §3.2: the policy file, strict to its ABNF.
import { describe, expect, it } from 'vitest';
import { MAX_AGE_CAP, parseStsPolicy } from '../../../engine/policy/mta-sts/policy-file.ts';

const EXAMPLE = 'version: STSv1\nmode: enforce\nmx: mail.example.com\nmx: *.example.net\nmx: backupmx.example.com\nmax_age: 604800\n';

function errorOf(text: string) {
  const r = parseStsPolicy(text);
  if (r.ok) throw new Error('expected an invalid policy');
  return r.errors[0];
}

describe('MTA-STS policy file (RFC 8461 §3.2)', () => {
  it('parses the example policy into a normalized object', () => {
    const r = parseStsPolicy(EXAMPLE);
    expect(r).toMatchObject({
      ok: true,
      policy: { version: 'STSv1', mode: 'enforce', maxAge: 604800, mx: ['mail.example.com', '*.example.net', 'backupmx.example.com'] },
    });
    if (r.ok) expect(r.policy.lines).toHaveLength(6);
  });

  it('accepts LF and CRLF terminators, mixed, and a last line without one', () => {
    expect(parseStsPolicy(EXAMPLE.replace(/\n/g, '\r\n')).ok).toBe(true);
    expect(parseStsPolicy('version: STSv1\r\nmode: none\nmax_age: 1').ok).toBe(true);
  });

  it('rejects a bare CR as terminator', () => {
    expect(errorOf('version: STSv1\rmode: none\nmax_age: 1\n')).toMatchObject({ line: 1 });
    expect(errorOf('version: STSv1\rmode: none\nmax_age: 1\n').message).toMatch(/bare CR/);
  });

  it('rejects leading white space, naming the line', () => {
    expect(errorOf('version: STSv1\n mode: enforce\nmx: a.example\nmax_age: 1\n')).toMatchObject({ line: 2, production: 'sts-policy-field', rule: 'RFC 8461 §3.2' });
  });

  it('allows no space or several spaces and tabs after ":", and trailing white space', () => {
    const r = parseStsPolicy('version:STSv1\nmode:\t  testing  \nmx: a.example \nmax_age:86400\t\n');
    expect(r).toMatchObject({ ok: true, policy: { mode: 'testing', mx: ['a.example'], maxAge: 86400 } });
  });

  it('rejects white space before ":"', () => {
    expect(errorOf('version: STSv1\nmode : enforce\nmx: a.example\nmax_age: 1\n')).toMatchObject({ line: 2, production: 'sts-policy-ext-name' });
  });

  it('rejects "mode: Enforce": values are case-sensitive (RFC 7405 %s)', () => {
    const e = errorOf('version: STSv1\nmode: Enforce\nmx: a.example\nmax_age: 1\n');
    expect(e).toMatchObject({ line: 2, production: 'sts-policy-mode-value' });
    expect(e.message).toMatch(/case-sensitive/);
  });

  it('reads "Mode:" as an unknown field, so mode is missing', () => {
    const r = parseStsPolicy('version: STSv1\nMode: enforce\nmx: a.example\nmax_age: 1\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.production)).toContain('sts-policy-mode');
  });

  it('rejects a version other than STSv1', () => {
    expect(errorOf('version: STSv2\nmode: none\nmax_age: 1\n')).toMatchObject({ line: 1, production: 'sts-policy-version-value' });
  });

  it('accepts max_age of 10 digits, capping it, and rejects 11 digits', () => {
    const r = parseStsPolicy('version: STSv1\nmode: none\nmax_age: 9999999999\n');
    expect(r).toMatchObject({ ok: true, policy: { maxAge: MAX_AGE_CAP, maxAgeDeclared: 9999999999 } });
    expect(errorOf('version: STSv1\nmode: none\nmax_age: 10000000000\n')).toMatchObject({ line: 3, production: 'sts-policy-max-age-value' });
  });

  it('keeps max_age at the cap itself and below it', () => {
    expect(parseStsPolicy(`version: STSv1\nmode: none\nmax_age: ${MAX_AGE_CAP}\n`)).toMatchObject({ ok: true, policy: { maxAge: MAX_AGE_CAP } });
    expect(parseStsPolicy('version: STSv1\nmode: none\nmax_age: 0\n')).toMatchObject({ ok: true, policy: { maxAge: 0 } });
  });

  it('rejects a max_age that is not digits', () => {
    expect(errorOf('version: STSv1\nmode: none\nmax_age: -1\n').production).toBe('sts-policy-max-age-value');
    expect(errorOf('version: STSv1\nmode: none\nmax_age: 1d\n').production).toBe('sts-policy-max-age-value');
  });

  it('keeps the first of a repeated mode and notes the rest', () => {
    const r = parseStsPolicy('version: STSv1\nmode: testing\nmode: enforce\nmx: a.example\nmax_age: 1\n');
    expect(r).toMatchObject({ ok: true, policy: { mode: 'testing' } });
    if (r.ok) expect(r.policy.notes.join('\n')).toMatch(/line 3.*first, on line 2/);
  });

  it('keeps the first of a repeated max_age', () => {
    expect(parseStsPolicy('version: STSv1\nmode: none\nmax_age: 5\nmax_age: 7\n')).toMatchObject({ ok: true, policy: { maxAge: 5 } });
  });

  it('ignores unknown fields, including UTF-8 values', () => {
    const r = parseStsPolicy('version: STSv1\nmode: none\nmax_age: 1\nnote_1: 管理者に連絡 x=y;z\n');
    expect(r).toMatchObject({ ok: true, policy: { extensions: { note_1: '管理者に連絡 x=y;z' } } });
  });

  it('rejects an empty line inside the file and a second terminator at its end', () => {
    expect(errorOf('version: STSv1\n\nmode: none\nmax_age: 1\n')).toMatchObject({ line: 2 });
    expect(errorOf('version: STSv1\nmode: none\nmax_age: 1\n\n')).toMatchObject({ line: 4 });
  });

  it('rejects a line without ":"', () => {
    expect(errorOf('version: STSv1\nmode enforce\nmax_age: 1\n')).toMatchObject({ line: 2, production: 'sts-policy-field-delim' });
  });

  it('requires at least one mx unless mode is none', () => {
    const e = errorOf('version: STSv1\nmode: enforce\nmax_age: 86400\n');
    expect(e).toMatchObject({ production: 'sts-policy-mx' });
    expect(e.line).toBeUndefined();
    expect(parseStsPolicy('version: STSv1\nmode: none\nmax_age: 86400\n').ok).toBe(true);
  });

  it('requires version, mode and max_age', () => {
    const r = parseStsPolicy('mx: a.example\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.production)).toEqual(['sts-policy-version', 'sts-policy-mode', 'sts-policy-max-age']);
  });

  it('rejects "mail*.example.com" and other misplaced wildcards', () => {
    for (const mx of ['mail*.example.com', '*example.com', 'mail.*.example.com', '*.*.example.com']) {
      expect(errorOf(`version: STSv1\nmode: enforce\nmx: ${mx}\nmax_age: 1\n`)).toMatchObject({ line: 3, production: 'sts-policy-mx-value' });
    }
  });

  it('rejects U-labels in mx: A-labels are required', () => {
    expect(errorOf('version: STSv1\nmode: enforce\nmx: メール.example.jp\nmax_age: 1\n').message).toMatch(/A-label/);
    expect(parseStsPolicy('version: STSv1\nmode: enforce\nmx: xn--zck9awe.example.jp\nmax_age: 1\n').ok).toBe(true);
  });

  it('rejects an mx with a trailing dot, an underscore or an empty label', () => {
    for (const mx of ['mail.example.com.', 'mail_1.example.com', 'mail..example.com', '-mail.example.com']) {
      expect(errorOf(`version: STSv1\nmode: enforce\nmx: ${mx}\nmax_age: 1\n`).production).toBe('sts-policy-mx-value');
    }
  });

  it('reports every bad line, each with its number', () => {
    const r = parseStsPolicy('version: STSv2\nmode: Enforce\nmx: a*.example\nmax_age: x\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.line)).toEqual([1, 2, 3, 4]);
  });

  it('lower-cases mx patterns for matching', () => {
    expect(parseStsPolicy('version: STSv1\nmode: enforce\nmx: MX.Example.JP\nmax_age: 1\n')).toMatchObject({ ok: true, policy: { mx: ['mx.example.jp'] } });
  });
});
