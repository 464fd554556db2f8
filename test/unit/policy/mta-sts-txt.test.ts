// RFC 8461 §3.1: the _mta-sts TXT record.
import { describe, expect, it } from 'vitest';
import { parseStsTxtRecord, selectStsTxtRecord } from '../../../engine/policy/mta-sts/txt-record.ts';

describe('MTA-STS TXT record (RFC 8461 §3.1)', () => {
  it('parses the example record', () => {
    const r = parseStsTxtRecord('v=STSv1; id=20160831085700Z;');
    expect(r).toMatchObject({ ok: true, id: '20160831085700Z', extensions: {}, rule: 'RFC 8461 §3.1' });
  });

  it('joins several strings of one record without spaces', () => {
    expect(selectStsTxtRecord([['v=STSv1; id=2016', '0831085700Z']])).toMatchObject({ ok: true, id: '20160831085700Z' });
  });

  it('requires the id', () => {
    const r = parseStsTxtRecord('v=STSv1; foo=bar');
    expect(r).toMatchObject({ ok: false, kind: 'invalid', production: 'sts-id' });
    if (!r.ok) expect(r.error).toMatch(/no id field/);
  });

  it('reads field names case-sensitively: ID= is an extension, so the id is missing', () => {
    const r = parseStsTxtRecord('v=STSv1; ID=abc');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/case-sensitive/);
  });

  it('accepts an id of 32 characters and rejects 33', () => {
    expect(parseStsTxtRecord(`v=STSv1; id=${'a'.repeat(32)}`).ok).toBe(true);
    const r = parseStsTxtRecord(`v=STSv1; id=${'a'.repeat(33)}`);
    expect(r).toMatchObject({ ok: false, production: 'sts-id' });
    if (!r.ok) expect(r.error).toMatch(/33 characters/);
  });

  it('rejects an id with characters other than letters and digits', () => {
    expect(parseStsTxtRecord('v=STSv1; id=2016-08-31')).toMatchObject({ ok: false, production: 'sts-id' });
  });

  it('keeps extensions that follow the grammar', () => {
    const r = parseStsTxtRecord('v=STSv1; id=1; ext_1.a-b=x:y/z');
    expect(r).toMatchObject({ ok: true, extensions: { 'ext_1.a-b': 'x:y/z' } });
  });

  it('rejects an extension value with "=" or a space, and a name over 32 characters', () => {
    expect(parseStsTxtRecord('v=STSv1; id=1; ext=a=b').ok).toBe(false);
    expect(parseStsTxtRecord('v=STSv1; id=1; ext=a b').ok).toBe(false);
    expect(parseStsTxtRecord(`v=STSv1; id=1; ${'n'.repeat(33)}=v`).ok).toBe(false);
  });

  it('allows white space around ";" and one trailing delimiter, but not two', () => {
    expect(parseStsTxtRecord('v=STSv1 ;\tid=1 ; ').ok).toBe(true);
    expect(parseStsTxtRecord('v=STSv1; id=1;;').ok).toBe(false);
  });

  it('is case-sensitive on the version and requires it first', () => {
    expect(parseStsTxtRecord('v=stsv1; id=1').ok).toBe(false);
    expect(parseStsTxtRecord('id=1; v=STSv1').ok).toBe(false);
  });

  it('must be US-ASCII', () => {
    expect(parseStsTxtRecord('v=STSv1; id=1; x=é')).toMatchObject({ ok: false, production: 'sts-text-record' });
  });

  it('accepts "v=STSv1 ;" when selecting, as the ABNF does (erratum 6285)', () => {
    expect(selectStsTxtRecord(['v=STSv1 ; id=abc'])).toMatchObject({ ok: true, id: 'abc' });
  });

  it('discards records not beginning with v=STSv1;', () => {
    expect(selectStsTxtRecord(['google-site-verification=xyz', 'v=STSv1; id=abc', 'v=spf1 -all'])).toMatchObject({ ok: true, id: 'abc' });
  });

  it('assumes no policy when two records begin with v=STSv1;', () => {
    expect(selectStsTxtRecord(['v=STSv1; id=a', 'v=STSv1; id=b'])).toMatchObject({ ok: false, kind: 'several-records' });
  });

  it('assumes no policy when no record is left', () => {
    expect(selectStsTxtRecord(['v=spf1 -all'])).toMatchObject({ ok: false, kind: 'no-record' });
    expect(selectStsTxtRecord([])).toMatchObject({ ok: false, kind: 'no-record' });
  });

  it('assumes no policy when the one record is invalid', () => {
    expect(selectStsTxtRecord(['v=STSv1; id='])).toMatchObject({ ok: false, kind: 'invalid' });
  });
});
