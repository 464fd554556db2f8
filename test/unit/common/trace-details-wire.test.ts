// The guards of smtp and tls details: every row the engine's decoders write passes as itself, and a
// detail whose fields are not what the engine writes (a field renamed, a wrong type) is none.
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../common/trace.ts';
import { smtpDetail, tlsDetail, type SmtpDetail, type TlsDetail } from '../../../common/trace-details-wire.ts';
import { smtpRows, tlsRows } from '../../support/wire-rows.ts';

const SMTP_KINDS: SmtpDetail['kind'][] = ['command', 'auth-response', 'continuation', 'reply', 'data', 'starttls-buffer'];
const TLS_KINDS: TlsDetail['kind'][] = ['handshake', 'change_cipher_spec', 'alert', 'record', 'encrypted', 'incomplete', 'not-tls', 'opaque', 'session'];

/** The row with its detail changed: fields replaced, and those named in `drop` taken out. */
function changed(row: TraceEvent, fields: Record<string, unknown>, drop: string[] = []): TraceEvent {
  const detail = { ...row.detail, ...fields };
  for (const name of drop) delete detail[name];
  return { ...row, detail };
}

describe('smtp details', () => {
  it('every row the decoder writes passes as itself, one of each kind', () => {
    const rows = Object.entries(smtpRows());
    for (const [name, row] of rows) expect(smtpDetail(row), name).toBe(row.detail);
    expect(new Set(rows.map(([, row]) => smtpDetail(row)?.kind))).toEqual(new Set(SMTP_KINDS));
  });

  it('is null for another layer, no detail, or a kind the engine does not write', () => {
    const { command } = smtpRows();
    expect(smtpDetail({ ...command, layer: 'tls' })).toBeNull();
    expect(smtpDetail({ ...command, detail: undefined })).toBeNull();
    expect(smtpDetail(changed(command, { kind: 'future' }))).toBeNull();
    expect(smtpDetail(changed(command, {}, ['kind']))).toBeNull();
  });

  const rows = smtpRows();
  it.each([
    ['a command without its verb', changed(rows.command, {}, ['verb'])],
    ['a command whose args are not text', changed(rows.command, { args: 7 })],
    ['a command whose AUTH decoding has no mechanism', changed(rows.authPlain, { auth: { username: 'alice' } })],
    ['an AUTH response without its decoding', changed(rows.authUser, {}, ['auth'])],
    ['a continuation whose line length was renamed', changed(rows.continuation, { length: 1 }, ['lineLength'])],
    ['a reply whose lines are one string', changed(rows.greeting, { lines: 'mx.example.jp ESMTP' })],
    ['a reply whose code is text', changed(rows.greeting, { code: '220' })],
    ['a reply without inReplyTo', changed(rows.greeting, {}, ['inReplyTo'])],
    ['an EHLO reply whose extensions are not a list', changed(rows.ehloReply, { extensions: 'STARTTLS' })],
    ['a message without its size', changed(rows.message, {}, ['size'])],
    ['a message whose complete flag is text', changed(rows.message, { complete: 'yes' })],
    ['a STARTTLS buffer row whose sentence is English only', changed(rows.starttlsBuffer, { summaryText: 'discarded' })],
  ])('is null for %s', (_name, row) => {
    expect(smtpDetail(row)).toBeNull();
  });
});

describe('tls details', () => {
  it('every row the decoder writes passes as itself, one of each kind', () => {
    const rows = Object.entries(tlsRows());
    for (const [name, row] of rows) expect(tlsDetail(row), name).toBe(row.detail);
    expect(new Set(rows.map(([, row]) => tlsDetail(row)?.kind))).toEqual(new Set(TLS_KINDS));
  });

  it('is null for another layer, no detail, or a kind the engine does not write', () => {
    const { alert } = tlsRows();
    expect(tlsDetail({ ...alert, layer: 'smtp' })).toBeNull();
    expect(tlsDetail({ ...alert, detail: undefined })).toBeNull();
    expect(tlsDetail(changed(alert, { kind: 'heartbeat' }))).toBeNull();
  });

  const rows = tlsRows();
  it.each([
    ['a handshake without its record header', changed(rows.clientHello, {}, ['record'])],
    ['a handshake whose messages are not a list', changed(rows.clientHello, { messages: 'ClientHello' })],
    ['a ClientHello whose offered versions were renamed', changed(rows.clientHello, { clientHello: { versions: ['TLSv1.3'], cipherSuites: [] } })],
    ['a ServerHello without its cipher suite', changed(rows.serverHello, { serverHello: { version: 'TLSv1.2' } })],
    ['an alert without its description', changed(rows.alert, {}, ['description'])],
    ['a record whose header has no length', changed(rows.record, { record: { contentType: 24 } })],
    ['encrypted records whose content types are text', changed(rows.applicationData, { contentTypes: ['23'] })],
    ['an incomplete record without its octets', changed(rows.incomplete, {}, ['octets'])],
    ['bytes that are not TLS without a preview', changed(rows.notTls, {}, ['preview'])],
    ['opaque bytes without a reason', changed(rows.opaque, {}, ['reason'])],
    ['a session without the host that ended it', changed(rows.session, {}, ['by'])],
  ])('is null for %s', (_name, row) => {
    expect(tlsDetail(row)).toBeNull();
  });
});
