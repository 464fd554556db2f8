// The attacker as the UI and the CLI use it: the list of attacks, parameters checked against
// what each attack lists, one attack at a time, status told to subscribers, rows for on/off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTACK_NAMES } from '../../../common/attack.ts';
import { renderText, type Text } from '../../../common/i18n/text.ts';
import { checkParams } from '../../../engine/attack/params.ts';
import { tlsa311 } from '../../../engine/dns/lab/pki-tlsa.ts';
import { ATTACK_MODULES } from '../../../engine/attack/registry.ts';
import { openAttackLab, type AttackLab } from './attack-fixture.ts';

let t: AttackLab;

beforeAll(async () => {
  t = await openAttackLab();
});

afterAll(async () => t.close());

describe('attack list', () => {
  it('has the seven attacks in the contract order, each with texts in Japanese and English', () => {
    const list = t.attacker.list();
    expect(list.map((a) => a.name)).toEqual([...ATTACK_NAMES]);
    for (const info of list) {
      for (const text of [info.title, info.description, info.stoppedBy, ...info.params.map((p) => p.description)]) {
        expect(text.en.length).toBeGreaterThan(3);
        // Japanese text has kana or kanji.
        expect(text.ja).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      }
      for (const param of info.params) expect(new Set(param.values).size).toBe(param.values.length);
    }
  });

  it('is a copy: changing it changes nothing', () => {
    t.attacker.list()[0].params.push({ name: 'x', description: { en: 'x', ja: 'x' }, values: ['x'] });
    expect(t.attacker.list()[0].params).toEqual(ATTACK_MODULES[0].info.params);
  });
});

describe('parameters', () => {
  const strip = ATTACK_MODULES.find((m) => m.info.name === 'strip-starttls')!.info;

  it('fills in the first value as the default', () => {
    expect(checkParams(strip, {})).toEqual({ ok: true, params: { mode: 'both', link: 'all' } });
  });

  it('refuses an unknown parameter and a value that is not listed, naming the choices', () => {
    const unknown = checkParams(strip, { speed: 'fast' });
    expect(unknown).toMatchObject({ ok: false, message: 'strip-starttls has no parameter "speed" (parameters: mode, link)' });
    const notListed = checkParams(strip, { mode: 'all' });
    expect(notListed).toMatchObject({ ok: false, message: 'strip-starttls: mode must be one of both, rewrite-ehlo, refuse-454, not "all"' });
    if (notListed.ok) return;
    expect(renderText('ja', notListed.messageText)).toBe('strip-starttls：mode は both, rewrite-ehlo, refuse-454 のどれかでなければならず、「all」は使えない');
  });

  it('set() refuses a bad parameter or an unknown attack and leaves the attacker as it was', async () => {
    await t.attack('eavesdrop');
    expect(await t.attacker.set('tls-downgrade', { max: 'SSLv3' })).toMatchObject({ ok: false, message: expect.stringContaining('max must be one of') });
    expect(await t.attacker.set('mitm' as never, {})).toMatchObject({ ok: false, message: expect.stringContaining('no attack "mitm"') });
    expect(t.attacker.status().active?.name).toBe('eavesdrop');
  });
});

describe('switching', () => {
  it('one attack at a time: set replaces, off removes; each is a row in the trace', async () => {
    const statuses: (string | null)[] = [];
    const unsubscribe = t.attacker.subscribe((s) => statuses.push(s.active?.name ?? null));
    await t.attack('eavesdrop');
    const status = await t.attack('tls-downgrade', { mode: 'alert' });
    expect(status.active).toMatchObject({ name: 'tls-downgrade', params: { max: 'TLSv1.2', mode: 'alert' } });
    const off = await t.attacker.off();
    expect(off.active).toBeNull();
    unsubscribe();
    expect(statuses).toEqual(expect.arrayContaining(['eavesdrop', 'tls-downgrade', null]));
    const rows = t.lab.trace.all().filter((e) => e.layer === 'attack' && (e.detail?.action === 'on' || e.detail?.action === 'off'));
    const last = rows.slice(-3).map((e) => `${e.detail?.attack} ${e.detail?.action}`);
    expect(last).toEqual(['eavesdrop off', 'tls-downgrade on', 'tls-downgrade off']);
  });

  it('the "on" row names the links as the trace columns name their nodes: your terminal, あなたの端末', async () => {
    await t.attacker.off();
    const status = await t.attack('eavesdrop');
    expect(status.active?.links).toContain('terminal → mx.example.jp:25');
    const on = t.lab.trace.all().filter((e) => e.layer === 'attack' && e.detail?.action === 'on').at(-1)!;
    const said = on.detail?.summaryText as Text;
    const ja = renderText('ja', said);
    expect(ja).toBe('攻撃 eavesdrop をオンにした（link=all）：mail.sender.example → mx.example.jp:25、あなたの端末 → mx.example.jp:25、あなたの端末 → mx.example.jp:587、checker.example → mx.example.jp:25');
    expect(ja).not.toMatch(/terminal/);
    expect(renderText('en', said)).toBe('Attack eavesdrop switched on (link=all): mail.sender.example → mx.example.jp:25, your terminal → mx.example.jp:25, your terminal → mx.example.jp:587, checker.example → mx.example.jp:25');
    await t.attacker.off();
  });

  it('concurrent set() calls end with exactly one attack on', async () => {
    await Promise.all([t.attacker.set('eavesdrop', {}), t.attacker.set('strip-starttls', {}), t.attacker.set('fake-certificate', {})]);
    expect(t.attacker.status().active?.name).toBe('fake-certificate');
    await t.attacker.off();
  });

  it('a new attack starts with empty knowledge', async () => {
    await t.attack('eavesdrop');
    expect(t.attacker.status().knowledge).toEqual({ envelopes: [], messages: [], credentials: [], plaintextBytes: 0, encryptedBytes: 0 });
  });

  it('dns-spoof sits on the resolvers\' path and its forgeries go when it is switched off', async () => {
    const before = t.lab.dns.forgers.list().length;
    const status = await t.attack('dns-spoof', { tlsa: 'forge' });
    expect(status.active?.links).toEqual(expect.arrayContaining(['mail.sender.example → ns.example.jp:53', 'mail.sender.example → mail.attacker.example:25']));
    expect(t.lab.dns.forgers.list().length).toBe(before + 3);
    const resolver = t.lab.dns.resolver('mail.sender.example', { validate: false });
    const mx = await resolver.lookup('example.jp', 'MX');
    expect(mx.answers.map((rr) => (rr.data as { exchange: string }).exchange)).toEqual(['mail.attacker.example']);
    expect((await t.lab.dns.resolver('mail.sender.example', { validate: true }).lookup('example.jp', 'MX')).status).toBe('bogus');
    expect((await resolver.lookup('_mta-sts.example.jp', 'TXT')).answers).toEqual([]);
    const misissued = tlsa311((await t.lab.pki.variant('mx.example.jp', 'misissued')).certPem);
    const tlsa = await resolver.lookup('_25._tcp.mx.example.jp', 'TLSA');
    expect(Buffer.from((tlsa.answers[0].data as { certificate: Buffer }).certificate).equals(Buffer.from(misissued.certificate))).toBe(true);
    expect((await t.lab.dns.resolver('mail.sender.example', { validate: true }).lookup('_25._tcp.mx.example.jp', 'TLSA')).status).toBe('bogus');
    await t.attacker.off();
    expect(t.lab.dns.forgers.list().length).toBe(before);
    const real = await resolver.lookup('example.jp', 'MX');
    expect(real.answers.map((rr) => (rr.data as { exchange: string }).exchange)).toEqual(['mx.example.jp']);
    expect(t.lab.routes.lookup('mail.sender.example', '203.0.113.66', 25)).toBeUndefined();
  });
});

describe('the link an smtp attack sits on', () => {
  let t: AttackLab;
  beforeAll(async () => {
    t = await openAttackLab();
  });
  afterAll(async () => t.close());

  it('link=terminal leaves the sending MTA alone; link=sender the terminal', async () => {
    const terminalOnly = await t.attack('strip-starttls', { link: 'terminal' });
    expect(terminalOnly.active!.links.every((l) => l.startsWith('terminal'))).toBe(true);
    const sent = t.lab.sender.submit({ from: 'alice@sender.example', to: ['bob@example.jp'], subject: 'not stripped', body: 'x', policy: 'opportunistic' });
    if (!sent.ok) throw new Error(sent.message);
    expect((await t.lab.sender.settled(sent.message.id)).attempts.at(-1)!.tls).not.toBeNull();
    const senderOnly = await t.attack('strip-starttls', { link: 'sender' });
    expect(senderOnly.active!.links).toEqual(['mail.sender.example → mx.example.jp:25']);
    const stripped = t.lab.sender.submit({ from: 'alice@sender.example', to: ['bob@example.jp'], subject: 'stripped', body: 'x', policy: 'opportunistic' });
    if (!stripped.ok) throw new Error(stripped.message);
    expect((await t.lab.sender.settled(stripped.message.id)).attempts.at(-1)!.tls).toBeNull();
  });

  it('refuses a link that is not one of the choices', async () => {
    const refused = await t.attacker.set('eavesdrop', { link: 'dns' });
    expect(refused.ok).toBe(false);
  });
});
