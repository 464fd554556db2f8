// The CLI's language: --lang on any command, else SMTP_LAB_LANG, else the lab terminal's language
// file (the UI's language, kept current), else the POSIX locale.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderText, text } from '../../../common/i18n/text.ts';
import { parseClientMessage } from '../../../common/protocol.ts';
import { localeFromEnv, takeLangFlag } from '../../../engine/cli/cli-locale.ts';
import { outcomeLines } from '../../../engine/cli/format/outcome-text.ts';
import { terminalEnv } from '../../../engine/pty/shell.ts';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('CLI language', () => {
  it('takes --lang from anywhere before "--"', () => {
    expect(takeLangFlag(['send', '--lang', 'ja', '--json'])).toEqual({ argv: ['send', '--json'], locale: 'ja' });
    expect(takeLangFlag(['--lang=en', 'hosts'])).toEqual({ argv: ['hosts'], locale: 'en' });
    expect(takeLangFlag(['send', '--', '--lang', 'ja'])).toEqual({ argv: ['send', '--', '--lang', 'ja'] });
    const refused = takeLangFlag(['hosts', '--lang', 'fr']).error!;
    expect(renderText('en', refused)).toBe('--lang takes ja or en, not "fr"');
    expect(renderText('ja', refused)).toBe('--lang には ja か en を指定する（「fr」は使えない）');
  });

  it('follows SMTP_LAB_LANG, then LC_ALL, LC_MESSAGES and LANG', () => {
    expect(localeFromEnv({ SMTP_LAB_LANG: 'ja', LANG: 'en_US.UTF-8' })).toBe('ja');
    expect(localeFromEnv({ SMTP_LAB_LANG: 'en', LANG: 'ja_JP.UTF-8' })).toBe('en');
    expect(localeFromEnv({ LANG: 'ja_JP.UTF-8' })).toBe('ja');
    expect(localeFromEnv({ LC_MESSAGES: 'ja_JP.UTF-8', LANG: 'en_US.UTF-8' })).toBe('ja');
    expect(localeFromEnv({ LC_ALL: 'en_US.UTF-8', LC_MESSAGES: 'ja_JP.UTF-8' })).toBe('en');
    expect(localeFromEnv({})).toBe('en');
  });

  it('prints the verdict of a delivery in Japanese under ja', () => {
    const outcome = { delivered: true, tls: null, attackerRead: true, stoppedBy: null, downgrade: null, reason: 'x', reasonText: text('outcome.acceptedPlain', { host: 'mx.example.jp' }) };
    const lines = outcomeLines(outcome, 'delivered', 'ja');
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line).toMatch(JAPANESE);
    expect(lines.join('\n')).not.toMatch(/[a-z]{3,} [a-z]{3,} [a-z]{3,}/i);
    expect(outcomeLines(outcome, 'delivered')[0]).toBe('delivery:  the genuine mx.example.jp accepted it');
  });

  it('gives the lab terminal the language the UI asked for', () => {
    expect(parseClientMessage({ type: 'pty.open', cols: 80, rows: 24, locale: 'ja' })).toEqual({ type: 'pty.open', cols: 80, rows: 24, locale: 'ja' });
    expect(parseClientMessage({ type: 'pty.open', cols: 80, rows: 24, locale: 'xx' })).toEqual({ type: 'pty.open', cols: 80, rows: 24 });
    expect(parseClientMessage({ type: 'pty.locale', id: 2, locale: 'ja' })).toEqual({ type: 'pty.locale', id: 2, locale: 'ja' });
    expect(parseClientMessage({ type: 'pty.locale', id: 2, locale: 'fr' })).toBeNull();
    // The shell names the file the UI's language is kept in; an SMTP_LAB_LANG of the engine's own would pin it.
    const env = terminalEnv({ PATH: '/bin', SMTP_LAB_LANG: 'en' }, '/tools', '/run.json', '/run.json.terminal-1.lang');
    expect(env.SMTP_LAB_LANG_FILE).toBe('/run.json.terminal-1.lang');
    expect(env.SMTP_LAB_LANG).toBeUndefined();
    expect(terminalEnv({ PATH: '/bin', SMTP_LAB_LANG: 'en' }, '/tools', '/run.json').SMTP_LAB_LANG).toBe('en');
  });

  it('reads the language file of a lab terminal after SMTP_LAB_LANG and before the POSIX locale', () => {
    const dir = mkdtempSync(join(tmpdir(), 'smtp-lab-lang-'));
    const file = join(dir, 'terminal.lang');
    writeFileSync(file, 'ja');
    expect(localeFromEnv({ SMTP_LAB_LANG_FILE: file, LANG: 'en_US.UTF-8' })).toBe('ja');
    expect(localeFromEnv({ SMTP_LAB_LANG_FILE: file, SMTP_LAB_LANG: 'en' })).toBe('en');
    writeFileSync(file, 'en\n');
    expect(localeFromEnv({ SMTP_LAB_LANG_FILE: file, LANG: 'ja_JP.UTF-8' })).toBe('en');
    expect(localeFromEnv({ SMTP_LAB_LANG_FILE: join(dir, 'gone.lang'), LANG: 'ja_JP.UTF-8' })).toBe('ja');
    writeFileSync(file, 'klingon');
    expect(localeFromEnv({ SMTP_LAB_LANG_FILE: file, LANG: 'ja_JP.UTF-8' })).toBe('ja');
    rmSync(dir, { recursive: true, force: true });
  });
});
