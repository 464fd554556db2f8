// ApiSession as a playbook: client messages in, server messages out, no transport.
import { describe, expect, it, vi } from 'vitest';
import { renderText } from '../../../common/i18n/text.ts';
import type { ServerMessage } from '../../../common/protocol.ts';
import { ApiSession, type PtyHost } from '../../../engine/api/api-session.ts';
import { systemLocale } from '../../../engine/api/system-locale.ts';
import { fakeLab, sampleMessage } from './fake-lab.ts';
import { checkerAction } from '../../../engine/api/checker-api.ts';
import { checkerService } from '../../../engine/lab/checker-service.ts';
import { policyHostService } from '../../../engine/lab/policy-host-service.ts';
import { PolicyStore } from '../../../engine/nodes/policy-host/policy-store.ts';

const tcpEvent = { flow: 'f1', link: { from: 'terminal', to: 'mx.example.jp', port: 25 }, layer: 'smtp', dir: 'c2s', summary: 'EHLO x', visibility: 'plaintext' } as const;

function fakePtys() {
  const opened: { id: number; killed: boolean; written: string[]; acks: number[]; locales: string[]; emit(data: string): void; exit(code: number): void }[] = [];
  const host: PtyHost = {
    open(_cols, _rows, listeners) {
      const pty = {
        id: opened.length + 1,
        killed: false,
        written: [] as string[],
        acks: [] as number[],
        emit: (data: string) => listeners.data(data),
        exit: (code: number) => listeners.exit(code),
        write: (data: string) => pty.written.push(data),
        resize: () => {},
        ack: (n: number) => pty.acks.push(n),
        locales: [] as string[],
        setLocale: (locale: string) => pty.locales.push(locale),
        kill: () => (pty.killed = true),
      };
      opened.push(pty);
      return pty;
    },
  };
  return { host, opened };
}

function session(options: { ptys?: PtyHost | null; flushMs?: number; batch?: number } = {}) {
  const lab = fakeLab('/nowhere');
  const sent: ServerMessage[] = [];
  const api = new ApiSession({
    lab,
    ptys: options.ptys ?? null,
    send: (m) => sent.push(m),
    systemLocale: 'ja',
    traceFlushMs: options.flushMs ?? 16,
    traceBatchSize: options.batch ?? 256,
  });
  return { lab, sent, api };
}

describe('ApiSession', () => {
  it('answers hello with the hosts, the trace so far, the mailbox and the system locale', () => {
    const { lab, sent, api } = session();
    lab.emit(tcpEvent);
    lab.deliver(sampleMessage('1', 'first'));
    api.receive({ type: 'hello' });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ type: 'welcome', systemLocale: 'ja', hosts: [{ name: 'mx.example.jp' }], mailbox: [{ subject: 'first' }] });
    expect((sent[0] as { trace: unknown[] }).trace).toHaveLength(1);
  });

  it('sends nothing before hello and refuses malformed messages', () => {
    const { lab, sent, api } = session();
    lab.emit(tcpEvent);
    api.receive({ type: 'pty.input', id: 'x', data: 1 });
    api.receive('not an object');
    api.receive({ type: 'exec', command: 'rm -rf /' });
    expect(sent.map((m) => m.type)).toEqual(['error', 'error', 'error']);
  });

  it('streams trace events in batches, then mailbox additions after the rows that led to them', () => {
    vi.useFakeTimers();
    try {
      const { lab, sent, api } = session({ batch: 3 });
      api.receive({ type: 'hello' });
      lab.emit(tcpEvent);
      lab.emit(tcpEvent);
      expect(sent).toHaveLength(1);
      vi.advanceTimersByTime(16);
      expect(sent[1]).toMatchObject({ type: 'trace', events: [{ seq: 1 }, { seq: 2 }] });
      for (let i = 0; i < 3; i++) lab.emit(tcpEvent);
      expect(sent[2]).toMatchObject({ type: 'trace', events: [{ seq: 3 }, { seq: 4 }, { seq: 5 }] });
      lab.emit(tcpEvent);
      lab.deliver(sampleMessage('2', 'second'));
      expect(sent.slice(3).map((m) => m.type)).toEqual(['trace', 'mailbox.added']);
      api.receive({ type: 'trace.clear' });
      expect(lab.trace.all()).toEqual([]);
      expect(sent.at(-1)).toEqual({ type: 'trace.cleared' });
      api.dispose();
      lab.emit(tcpEvent);
      vi.advanceTimersByTime(100);
      expect(sent.at(-1)).toEqual({ type: 'trace.cleared' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('routes pty messages to the terminals this connection opened, and only those', () => {
    const ptys = fakePtys();
    const a = session({ ptys: ptys.host });
    const b = session({ ptys: ptys.host });
    a.api.receive({ type: 'pty.open', cols: 80, rows: 24 });
    expect(a.sent.at(-1)).toEqual({ type: 'pty.opened', id: 1 });
    a.api.receive({ type: 'pty.input', id: 1, data: 'ls\r' });
    a.api.receive({ type: 'pty.ack', id: 1, bytes: 10 });
    a.api.receive({ type: 'pty.locale', id: 1, locale: 'ja' });
    b.api.receive({ type: 'pty.input', id: 1, data: 'rm -rf ~\r' });
    b.api.receive({ type: 'pty.locale', id: 1, locale: 'en' });
    expect(ptys.opened[0].written).toEqual(['ls\r']);
    expect(ptys.opened[0].acks).toEqual([10]);
    expect(ptys.opened[0].locales).toEqual(['ja']);
    expect(b.sent.at(-1)).toMatchObject({ type: 'error' });
    ptys.opened[0].emit('hello');
    expect(a.sent.at(-1)).toEqual({ type: 'pty.data', id: 1, data: 'hello' });
    ptys.opened[0].exit(0);
    expect(a.sent.at(-1)).toEqual({ type: 'pty.exit', id: 1, exitCode: 0 });
    a.api.receive({ type: 'pty.open', cols: 80, rows: 24 });
    a.api.dispose();
    expect(ptys.opened[1].killed).toBe(true);
  });

  it('caps the terminals one connection may hold', () => {
    const ptys = fakePtys();
    const { sent, api } = session({ ptys: ptys.host });
    for (let i = 0; i < 17; i++) api.receive({ type: 'pty.open', cols: 80, rows: 24 });
    expect(ptys.opened).toHaveLength(16);
    const refusal = sent.at(-1);
    expect(refusal).toMatchObject({ type: 'error', message: 'at most 16 terminals per connection' });
    expect(refusal?.type === 'error' && refusal.messageText && renderText('ja', refusal.messageText)).toBe('1 つの接続で開ける端末は 16 個まで');
  });

  it('sends the policy host entries again whoever changes them: lab policy set, a scenario or this window', () => {
    const { lab, sent, api } = session();
    lab.policyHost = policyHostService(new PolicyStore());
    lab.policyHost.set('example.jp', 'version: STSv1\nmode: enforce\nmx: mx.example.jp\nmax_age: 86400\n', 'not-found');
    api.receive({ type: 'hello' });
    const entries = () => sent.filter((m) => m.type === 'policy.entries').map((m) => (m as Extract<ServerMessage, { type: 'policy.entries' }>).entries[0]);
    const modes = () => entries().map((e) => [e.lesson, /mode: (\w+)/.exec(e.text)?.[1]]);
    expect(modes()).toEqual([['not-found', 'enforce']]);

    // As POST /api/policy does for `lab policy set FILE`: a change outside this session.
    lab.policyHost.set('example.jp', 'version: STSv1\nmode: testing\nmx: mx.example.jp\nmax_age: 604800\n', null);
    expect(modes()).toEqual([['not-found', 'enforce'], [null, 'testing']]);

    // This window's own Save: one answer, not two.
    api.receive({ type: 'policy.set', domain: 'example.jp', text: 'version: STSv1\nmode: none\nmx: mx.example.jp\nmax_age: 1\n', lesson: null });
    expect(modes()).toEqual([['not-found', 'enforce'], [null, 'testing'], [null, 'none']]);

    api.dispose();
    lab.policyHost.set('example.jp', 'version: STSv1\n', null);
    expect(entries()).toHaveLength(3);
  });

  it('sends every checker result whoever ran it (lab checker in the terminal, this window), and the last report to a new window', async () => {
    const { lab, sent, api } = session();
    const tested: string[] = [];
    lab.checker = checkerService(async (domain) => {
      tested.push(domain);
      return { domain, score: domain === 'example.jp' ? 50 : 100, items: [], mx: [`mx.${domain}`], startedAt: new Date(0).toISOString(), durationMs: 1 };
    });
    api.receive({ type: 'hello' });
    const results = () => sent.filter((m) => m.type === 'checker.result').map((m) => (m as Extract<ServerMessage, { type: 'checker.result' }>).result);
    expect(results()).toEqual([]);

    // As POST /api/checker does for `lab checker example.jp` in the terminal.
    expect(await checkerAction(lab, { domain: 'example.jp' })).toMatchObject({ status: 200, body: { domain: 'example.jp', score: 50 } });
    expect(results()).toEqual([{ ok: true, report: expect.objectContaining({ domain: 'example.jp', score: 50 }) }]);

    // This window's own run: one answer, not two.
    api.receive({ type: 'checker.run', domain: 'sender.example' });
    await vi.waitFor(() => expect(results()).toHaveLength(2));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(results().map((r) => r.ok && r.report.domain)).toEqual(['example.jp', 'sender.example']);
    expect(tested).toEqual(['example.jp', 'sender.example']);

    // A window opened later shows the last report at once.
    const later: ServerMessage[] = [];
    const other = new ApiSession({ lab, ptys: null, send: (m) => later.push(m), systemLocale: 'en' });
    other.receive({ type: 'hello' });
    expect(later.filter((m) => m.type === 'checker.result')).toEqual([{ type: 'checker.result', result: { ok: true, report: expect.objectContaining({ domain: 'sender.example' }) } }]);
    other.dispose();

    api.dispose();
    await lab.checker.run('example.jp');
    expect(results()).toHaveLength(2);
  });

  it('gives no terminal when the transport has none', () => {
    const { sent, api } = session({ ptys: null });
    api.receive({ type: 'pty.open', cols: 80, rows: 24 });
    expect(sent).toEqual([{ type: 'error', message: 'no terminal on this connection', messageText: { key: 'api.noTerminal' } }]);
  });
});

describe('systemLocale', () => {
  it('is Japanese when the POSIX locale or else Intl says so', () => {
    expect(systemLocale({ LANG: 'ja_JP.UTF-8' }, 'en-US')).toBe('ja');
    expect(systemLocale({ LC_ALL: 'en_US.UTF-8', LANG: 'ja_JP.UTF-8' }, 'ja-JP')).toBe('en');
    expect(systemLocale({ LC_MESSAGES: 'ja_JP' }, 'en-US')).toBe('ja');
    expect(systemLocale({ LANG: 'C' }, 'ja-JP')).toBe('ja');
    expect(systemLocale({}, 'en-GB')).toBe('en');
    expect(systemLocale({ LANG: 'jv_ID' }, 'en')).toBe('en');
  });
});
