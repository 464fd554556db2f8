// The receiver's TLS comes from configuration so scenarios can change it.
import { afterEach, describe, expect, it } from 'vitest';
import { flowOf, flowOfPort, openTestLab, waitForEvent, type TestLab } from './lab-fixture.ts';
import { WireClient } from './wire-client.ts';

let t: TestLab | null = null;

afterEach(async () => {
  await t?.close();
  t = null;
});

async function ehlo(port: number): Promise<{ c: WireClient; reply: string }> {
  const c = await WireClient.connect(port);
  await c.reply();
  return { c, reply: await c.command('EHLO learner.example') };
}

describe('receiver TLS configuration', () => {
  it('without TLS: no STARTTLS in EHLO and the command is refused', async () => {
    t = await openTestLab({ receiver: { tls: { enabled: false, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3' } } });
    const { c, reply } = await ehlo(t.port25);
    expect(reply).not.toMatch(/STARTTLS/);
    expect(await c.command('STARTTLS')).toMatch(/^5\d\d/);
    c.destroy();
  });

  it('minVersion TLSv1.3 refuses a TLS 1.2 client; the trace shows the alert', async () => {
    t = await openTestLab({ receiver: { tls: { enabled: true, minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3' } } });
    const { c } = await ehlo(t.port25);
    const flow = await flowOfPort(t.lab, c.socket.localPort!);
    await expect(c.starttls(t.lab.caCertPem, { maxVersion: 'TLSv1.2' })).rejects.toThrow();
    const alert = await waitForEvent(t.lab, (e) => e.flow === flow && e.layer === 'tls' && e.summary.startsWith('Alert'));
    expect(alert.summary).toBe('Alert: fatal protocol_version');
    expect(alert.dir).toBe('s2c');
    expect(flowOf(t.lab, flow).find((e) => e.summary.startsWith('ClientHello'))?.detail?.clientHello).toMatchObject({ offeredVersions: ['TLSv1.2'] });
    c.destroy();
  });

  it('maxVersion TLSv1.2 negotiates TLS 1.2', async () => {
    t = await openTestLab({ receiver: { tls: { enabled: true, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' } } });
    const { c } = await ehlo(t.port25);
    const secure = await c.starttls(t.lab.caCertPem);
    expect(secure.getProtocol()).toBe('TLSv1.2');
    c.destroy();
  });

  it('allows TLS 1.0 when configured for it (legacy ciphers at SECLEVEL=0)', async () => {
    t = await openTestLab({ receiver: { tls: { enabled: true, minVersion: 'TLSv1', maxVersion: 'TLSv1.3' } } });
    const { c } = await ehlo(t.port25);
    const secure = await c.starttls(t.lab.caCertPem, { minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' });
    expect(secure.getProtocol()).toBe('TLSv1');
    c.destroy();
  });

  it('setTls applies to the next connections', async () => {
    t = await openTestLab();
    const first = await ehlo(t.port25);
    expect(first.reply).toMatch(/STARTTLS/);
    first.c.destroy();
    t.lab.receiver.setTls({ enabled: false, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3' });
    const second = await ehlo(t.port25);
    expect(second.reply).not.toMatch(/STARTTLS/);
    second.c.destroy();
    t.lab.receiver.setTls({ enabled: true, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' });
    const third = await ehlo(t.port25);
    expect((await third.c.starttls(t.lab.caCertPem)).getProtocol()).toBe('TLSv1.2');
    third.c.destroy();
  });

  it('presents the certificate it is configured with', async () => {
    const { createRootCa, issueServerLeaf } = await import('../../../engine/pki/issue.ts');
    const otherCa = await createRootCa('Not The Lab CA');
    const fake = await issueServerLeaf(otherCa, 'mx.example.jp');
    t = await openTestLab({ receiver: { tls: { enabled: true, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3', certificate: fake } } });
    const { c } = await ehlo(t.port25);
    await expect(c.starttls(t.lab.caCertPem)).rejects.toThrow(/self|unable|certificate/i);
    const again = await ehlo(t.port25);
    const secure = await again.c.starttls(otherCa.certPem);
    expect(secure.authorized).toBe(true);
    c.destroy();
    again.c.destroy();
  });
});
