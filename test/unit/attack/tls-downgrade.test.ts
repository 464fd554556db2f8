// tls-downgrade on real sockets: handshakes offering TLS 1.3 are killed until the client
// retries at most TLS 1.2; the rewrite mode trips the TLS 1.3 downgrade sentinel; a retry with
// TLS_FALLBACK_SCSV is refused by the receiver.
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText, type Text } from '../../../common/i18n/text.ts';
import { flowOf, flowOfPort, waitForEvent } from '../nodes/lab-fixture.ts';
import { attackRows, deliver, knowledgeWhen, openAttackLab, opportunistic, type AttackLab } from './attack-fixture.ts';

let t: AttackLab;

beforeAll(async () => {
  t = await openAttackLab();
});

afterAll(async () => t.close());

const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

describe('tls-downgrade', () => {
  it('kills the TLS 1.3 handshake with a reset; the retry at most TLS 1.2 goes through, and the server marks its random', async () => {
    await t.attack('tls-downgrade', { max: 'TLSv1.2', mode: 'reset' });
    const first = await deliver(t.port25, opportunistic, { caPem: t.lab.caCertPem });
    expect(first.result.tls).toBeUndefined();
    expect(first.result.tlsError).toBeTruthy();
    expect(first.result.recipients[0].outcome).not.toBe('delivered');
    const killedFlow = await flowOfPort(t.lab, first.localPort);
    const [kill] = attackRows(flowOf(t.lab, killedFlow), 'kill');
    expect(kill).toMatchObject({ rule: 'RFC 7507 §1', detail: { attack: 'tls-downgrade', how: 'reset', highest: 'TLSv1.3', max: 'TLSv1.2' } });

    const before = t.lab.mailbox.list().length;
    const retry = await deliver(t.port25, opportunistic, { caPem: t.lab.caCertPem, tls: { maxVersion: 'TLSv1.2' } });
    expect(retry.result.recipients[0].outcome).toBe('delivered');
    expect(retry.result.tls?.version).toBe('TLSv1.2');
    expect(t.lab.mailbox.list()[before].tls?.version).toBe('TLSv1.2');
    const flow = await flowOfPort(t.lab, retry.localPort);
    const rows = attackRows(flowOf(t.lab, flow));
    expect(rows.find((e) => e.detail?.what === 'let-through')?.detail?.highest).toBe('TLSv1.2');
    // This client offered only TLS 1.2, so it cannot tell; a TLS 1.3 client would.
    expect(rows.find((e) => e.detail?.what === 'downgrade-sentinel')).toMatchObject({ rule: 'RFC 8446 §4.1.3', detail: { version: 'TLSv1.2', sentinel: 'TLSv1.2' } });
    // Downgraded, still encrypted: the attacker reads nothing of the message.
    const status = await knowledgeWhen(t.attacker, (s) => s.knowledge.encryptedBytes > 0);
    expect(status.knowledge.messages).toEqual([]);
  });

  it('alert mode answers handshake_failure in the server\'s name', async () => {
    await t.attack('tls-downgrade', { mode: 'alert' });
    const { result } = await deliver(t.port25, opportunistic, { caPem: t.lab.caCertPem });
    expect(result.tlsError).toMatch(/handshake failure/i);
  });

  it('rewrite mode edits supported_versions; the TLS 1.3 client sees the sentinel and aborts', async () => {
    await t.attack('tls-downgrade', { mode: 'rewrite' });
    const { result, localPort } = await deliver(t.port25, opportunistic, { caPem: t.lab.caCertPem });
    expect(result.tls).toBeUndefined();
    expect(result.recipients[0].outcome).not.toBe('delivered');
    const flow = await flowOfPort(t.lab, localPort);
    const rows = attackRows(flowOf(t.lab, flow));
    const rewrite = rows.find((e) => e.detail?.action === 'rewrite')!;
    expect(rewrite.detail).toMatchObject({ removed: ['TLSv1.3'], max: 'TLSv1.2' });
    const before = Buffer.from(rewrite.attack!.before, 'base64');
    const after = Buffer.from(rewrite.attack!.after, 'base64');
    expect(after.length).toBe(before.length);
    const changed = [...before].map((b, i) => (b === after[i] ? -1 : i)).filter((i) => i >= 0);
    expect(changed.length).toBeLessThanOrEqual(2);
    expect(rows.find((e) => e.detail?.what === 'downgrade-sentinel')).toBeDefined();
    const aborted = await waitForEvent(t.lab, (e) => e.flow === flow && e.detail?.what === 'client-aborted');
    expect(aborted.detail?.alert).toBe('illegal_parameter');
    // The client is the learner's terminal: named as the trace column names it, in either language.
    expect(renderText('ja', aborted.detail?.summaryText as Text)).toBe('あなたの端末がハンドシェイクを中止した（illegal_parameter）：ダウングレードに気付いた');
    expect(aborted.summary).toBe('your terminal aborted the handshake (illegal_parameter): it noticed the downgrade');
  });

  it.runIf(hasOpenssl)('a retry with TLS_FALLBACK_SCSV is refused by the receiver (inappropriate_fallback)', async () => {
    await t.attack('tls-downgrade', { max: 'TLSv1.2' });
    const client = spawn('openssl', ['s_client', '-connect', `127.0.0.1:${t.port25}`, '-starttls', 'smtp', '-tls1_2', '-fallback_scsv', '-servername', 'mx.example.jp'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const closed = new Promise((resolve) => client.once('close', resolve));
    let output = '';
    client.stdout.on('data', (d: Buffer) => (output += d.toString()));
    client.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const refused = await waitForEvent(t.lab, (e) => e.layer === 'attack' && e.detail?.what === 'inappropriate-fallback', 5000);
    // s_client reports the alert, then waits on stdin; it has nothing more to tell.
    await new Promise((resolve) => setTimeout(resolve, 100));
    client.kill();
    await closed;
    expect(refused.rule).toBe('RFC 7507 §3');
    const rows = attackRows(flowOf(t.lab, refused.flow));
    expect(rows.find((e) => e.detail?.what === 'fallback-scsv')).toBeDefined();
    expect(output).toMatch(/inappropriate fallback/i);
  });
});
