// Lab nodes in the engine's sentences: the learner's terminal by the name the trace columns give
// it (renderer trace.nodeTerminal: "your terminal", 「あなたの端末」), host names as they are; and
// Japanese sets no space between the terminal's name and the particle after it.
import { describe, expect, it } from 'vitest';
import { renderText, text } from '../../../common/i18n/text.ts';
import { linkName, linkText, nodeText, TERMINAL_NODE } from '../../../common/i18n/node-names.ts';
import { en as rendererEn } from '../../../renderer/src/lib/i18n/en.ts';
import { ja as rendererJa } from '../../../renderer/src/lib/i18n/ja.ts';

describe('node names in sentences', () => {
  it('the terminal as the trace column names it, in either language; a host as itself', () => {
    expect(renderText('en', nodeText(TERMINAL_NODE))).toBe(rendererEn['trace.nodeTerminal']);
    expect(renderText('ja', nodeText(TERMINAL_NODE))).toBe(rendererJa['trace.nodeTerminal']);
    expect(nodeText('mail.sender.example')).toBe('mail.sender.example');
  });

  it('a link keeps its node ids as data, and reads with the names', () => {
    const link = linkName({ from: 'terminal', to: 'mx.example.jp', port: 25 });
    expect(link).toBe('terminal → mx.example.jp:25');
    expect(renderText('ja', linkText(link))).toBe('あなたの端末 → mx.example.jp:25');
    expect(renderText('en', linkText(link))).toBe('your terminal → mx.example.jp:25');
    expect(renderText('ja', linkText('mail.sender.example → mx.example.jp:25'))).toBe('mail.sender.example → mx.example.jp:25');
    expect(linkText('not a link')).toBe('not a link');
  });

  it('Japanese: no space between the terminal and its particle; a host name keeps its spaces', () => {
    const aborted = (host: string) => renderText('ja', text('attack.clientAborted', { host: nodeText(host), description: 'illegal_parameter' }));
    expect(aborted('terminal')).toBe('あなたの端末がハンドシェイクを中止した（illegal_parameter）：ダウングレードに気付いた');
    expect(aborted('checker.example')).toBe('checker.example がハンドシェイクを中止した（illegal_parameter）：ダウングレードに気付いた');
    expect(renderText('ja', text('row.tcpFin', { peer: nodeText('terminal') }))).toBe('あなたの端末から FIN（この向きの送信は終了）');
    expect(renderText('ja', text('traceNote.noReply', { host: nodeText('terminal'), error: 'timeout' }))).toBe('あなたの端末に応答を中継しなかった：timeout');
    // Verbatim values are data: their spaces stay, whatever they hold.
    expect(renderText('ja', text('attack.clientAborted', { host: '端末', description: 'x' }))).toBe('端末 がハンドシェイクを中止した（x）：ダウングレードに気付いた');
    expect(renderText('en', text('attack.clientAborted', { host: nodeText('terminal'), description: 'x' }))).toBe('your terminal aborted the handshake (x): it noticed the downgrade');
  });
});
