// Toggles (docs/scenarios.md "Toggles") and the alignment of two traces, scripted.
import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../../common/trace.ts';
import { scenarioSchema } from '../../../engine/scenario/scenario-schema.ts';
import { applyToggle } from '../../../engine/scenario/toggle.ts';
import { alignTraces, firstDifference } from '../../../engine/scenario/trace-align.ts';

const scenario = scenarioSchema.parse({ title: { en: 't', ja: 't' }, 'main.cf': ['smtpd_tls_protocols = >=TLSv1'], sender: { policy: 'fallback' }, attack: { name: 'tls-downgrade', params: { max: 'TLSv1.2' } }, expect: {} });

describe('applyToggle', () => {
  it('sets a path, a dotted zone, a boolean, and the attacker off', () => {
    expect(applyToggle(scenario, 'sender.policy=dane')).toMatchObject({ ok: true, scenario: { sender: { policy: 'dane' } } });
    expect(applyToggle(scenario, 'attack.params.max=TLSv1')).toMatchObject({ ok: true, scenario: { attack: { params: { max: 'TLSv1' } } } });
    expect(applyToggle(scenario, 'dns.modes.example.jp=bad-signature')).toMatchObject({ ok: true, scenario: { dns: { modes: { 'example.jp': 'bad-signature' } } } });
    expect(applyToggle(scenario, 'sender.fallbackScsv=false')).toMatchObject({ ok: true, scenario: { sender: { fallbackScsv: false } } });
    expect(applyToggle(scenario, 'attack=off')).toMatchObject({ ok: true, scenario: { attack: null } });
    expect(applyToggle(scenario, 'attack=strip-starttls')).toMatchObject({ ok: true, scenario: { attack: { name: 'strip-starttls' } } });
  });

  it('adds and removes main.cf lines', () => {
    const added = applyToggle(scenario, 'main.cf+=smtpd_tls_protocols = >=TLSv1.2');
    expect(added).toMatchObject({ ok: true, scenario: { 'main.cf': ['smtpd_tls_protocols = >=TLSv1', 'smtpd_tls_protocols = >=TLSv1.2'] } });
    expect(applyToggle(scenario, 'main.cf-=smtpd_tls_protocols  =  >=TLSv1')).toMatchObject({ ok: true, scenario: { 'main.cf': [] } });
    expect(applyToggle(scenario, 'main.cf-=smtp_tls_security_level = dane')).toMatchObject({ ok: false });
  });

  it('refuses what the scenario schema refuses, naming the key', () => {
    expect(applyToggle(scenario, 'sender.policy=secure-please')).toMatchObject({ ok: false, message: expect.stringMatching(/^sender\.policy: sender\.policy: Invalid option/) });
    expect(applyToggle(scenario, 'sender.colour=blue')).toMatchObject({ ok: false });
    expect(applyToggle(scenario, 'no equals sign')).toMatchObject({ ok: false });
    expect(applyToggle(scenario, '__proto__.x=1')).toMatchObject({ ok: false });
  });
});

let seq = 0;
const ev = (layer: TraceEvent['layer'], summary: string, extra: Partial<TraceEvent> = {}): TraceEvent => ({
  seq: ++seq,
  t: seq * 3.7,
  flow: `f${seq}`,
  link: { from: 'mail.sender.example', to: 'mx.example.jp', port: 25 },
  layer,
  dir: layer === 'policy' ? 'none' : 'c2s',
  summary,
  visibility: 'plaintext',
  ...extra,
});
const start = (id: string) => ev('policy', `RFC 5321 §5.1: deliver message ${id}`, { detail: { kind: 'policy', decision: 'mx', message: id } });

describe('alignTraces and firstDifference', () => {
  it('aligns the same steps whatever their times, flows and queue ids, and finds the refusal that parts them', () => {
    const left = [start('Q0001'), ev('smtp', 'EHLO mail.sender.example'), ev('tls', 'ApplicationData ×4 (711 octets, encrypted)'), ev('smtp', 'MAIL FROM:<a@b>')];
    const refusal = ev('policy', 'RFC 7672 §3: DANE authentication failed', { rule: 'RFC 7672 §3', detail: { kind: 'policy', decision: 'session', message: 'Q0002' } });
    const right = [start('Q0002'), ev('smtp', 'EHLO mail.sender.example'), ev('tls', 'ApplicationData ×2 (102 octets, encrypted)'), refusal, ev('smtp', 'QUIT')];
    const steps = alignTraces(left, right);
    expect(steps.filter((s) => s.same).map((s) => [s.left, s.right])).toEqual([[0, 0], [1, 1], [2, 2]]);
    const first = firstDifference(steps, left, right, { left: null, right: 'RFC 7672 §3' });
    expect(first?.explanation).toEqual({ side: 'right', index: 3 });
  });

  it('finds no difference in two runs that took the same steps', () => {
    const a = [start('Q0001'), ev('smtp', 'EHLO x')];
    const b = [start('Q0001'), ev('smtp', 'EHLO x')];
    expect(firstDifference(alignTraces(a, b), a, b)).toBeNull();
  });
});
