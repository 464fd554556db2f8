import { describe, expect, it } from 'vitest';
import { english, text } from '../../../common/i18n/text.ts';
import type { TraceEvent } from '../../../common/trace.ts';
import { translate, type MessageKey, type MessageParams } from '../../../renderer/src/lib/i18n/index.ts';
import { fieldLabel, traceSummary } from '../../../renderer/src/lib/trace-summary.ts';

const en = (key: MessageKey, params?: MessageParams) => translate('en', key, params);
const ja = (key: MessageKey, params?: MessageParams) => translate('ja', key, params);

/** A sender decision row as the sending MTA emits it: summary "rule: reason", the rule, detail kind policy. */
function decision(detail: Record<string, unknown>, rule = 'RFC 8461 §5'): TraceEvent {
  return {
    seq: 1,
    t: 0,
    flow: 'f4',
    link: { from: 'mail.sender.example', to: 'mx.example.jp', port: 25 },
    layer: 'policy',
    dir: 'none',
    summary: `${rule}: ${String(detail.reason)}`,
    rule,
    detail: { kind: 'policy', policy: 'mta-sts', domain: 'example.jp', message: 'm1', ...detail },
    visibility: 'plaintext',
  };
}

describe('sender decision rows', () => {
  it('say what was decided and the verdict in the chosen language, then the reason', () => {
    const event = decision({ decision: 'mta-sts', verdict: 'try-next-mx', mxHost: 'mx.example.jp', reason: 'mx.example.jp offered no STARTTLS (§4)' });
    expect(traceSummary(event, en)).toBe('MTA-STS check (mx.example.jp): try the next MX — mx.example.jp offered no STARTTLS (§4)');
    expect(traceSummary(event, ja)).toBe('MTA-STS の検証（mx.example.jp）：次の MX を試す — mx.example.jp offered no STARTTLS (§4)');
  });

  it('render the engine reason in the chosen language when it comes as a Text', () => {
    const reasonText = text('sts.enforceFails', { domain: 'example.jp', failure: text('sts.noStarttls', { host: 'mx.example.jp' }), host: 'mx.example.jp' });
    const event = decision({ decision: 'mta-sts', verdict: 'try-next-mx', mxHost: 'mx.example.jp', reason: english(reasonText), reasonText });
    expect(traceSummary(event, en)).toContain('— the policy for example.jp is enforce and mx.example.jp offered no STARTTLS (§4): not delivering');
    const japanese = traceSummary(event, ja);
    expect(japanese).toContain('example.jp のポリシーは enforce で、mx.example.jp が STARTTLS を提示しなかった（§4）');
    expect(japanese).not.toMatch(/the policy|offered no/);
  });

  it('leave out the host and verdict when the decision has none', () => {
    const event = decision({ decision: 'mx', reason: 'example.jp MX: 10 mx.example.jp' }, 'RFC 5321 §5.1');
    expect(traceSummary(event, en)).toBe('MX lookup — example.jp MX: 10 mx.example.jp');
    expect(traceSummary(event, ja)).toBe('MX の検索 — example.jp MX: 10 mx.example.jp');
  });

  it('show an unknown verdict as it came', () => {
    const event = decision({ decision: 'result', verdict: 'quarantine', reason: 'held' });
    expect(traceSummary(event, ja)).toBe('結果：quarantine — held');
  });

  it('take the reason from the summary when the detail has none', () => {
    const event = decision({ decision: 'dane', verdict: 'deliver' }, 'RFC 7672 §2.2');
    event.summary = 'RFC 7672 §2.2: TLSA 3 1 1 matches the certificate';
    delete event.detail!.reason;
    expect(traceSummary(event, en)).toBe('DANE check: deliver — TLSA 3 1 1 matches the certificate');
  });

  it('keep the engine summary for a decision kind the UI does not know', () => {
    const event = decision({ decision: 'something-new', verdict: 'deliver', reason: 'why' });
    expect(traceSummary(event, ja)).toBe('RFC 8461 §5: why');
  });

  it('label the decision fields in the detail', () => {
    expect(fieldLabel('mxHost', ja)).toBe('MX ホスト');
    expect(fieldLabel('verdict', en)).toBe('verdict');
    expect(fieldLabel('decision', ja)).toBe('判断');
  });
});

describe('attacker rows', () => {
  function action(detail: Record<string, unknown>, summary: string): TraceEvent {
    return {
      seq: 2,
      t: 0,
      flow: 'f5',
      link: { from: 'mail.sender.example', to: 'mx.example.jp', port: 25 },
      layer: 'attack',
      dir: 's2c',
      summary,
      detail: { kind: 'attack', attack: 'strip-starttls', ...detail },
      visibility: 'plaintext',
    };
  }

  it('say in words that an attack was switched on or off', () => {
    const on = action({ action: 'on', params: { replacement: 'XXXXXXXA' }, links: ['mail.sender.example → mx.example.jp'] }, 'Attack strip-starttls switched on');
    expect(traceSummary(on, en)).toBe('Attack strip-starttls switched on (replacement=XXXXXXXA): mail.sender.example → mx.example.jp');
    expect(traceSummary(on, ja)).toBe('攻撃 strip-starttls を開始（replacement=XXXXXXXA）：mail.sender.example → mx.example.jp');
    expect(traceSummary(action({ action: 'off', links: [] }, 'Attack strip-starttls switched off'), ja)).toBe('攻撃 strip-starttls を停止');
  });

  it('name what the attacker did before its own sentence', () => {
    const row = action({ action: 'rewrite' }, 'Rewrote "250-STARTTLS" to "250-XXXXXXXA"');
    expect(traceSummary(row, ja)).toBe('書き換え（strip-starttls）— Rewrote "250-STARTTLS" to "250-XXXXXXXA"');
    expect(traceSummary(row, en)).toBe('Rewrites (strip-starttls) — Rewrote "250-STARTTLS" to "250-XXXXXXXA"');
  });

  it('keep the summary for an action the UI does not know', () => {
    expect(traceSummary(action({ action: 'teleport' }, 'Did something new'), ja)).toBe('Did something new');
  });
});
