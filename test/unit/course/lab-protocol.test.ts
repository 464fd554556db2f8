// The renderer's side of the labs: labs.list after welcome, lab.open resetting the lab and sending
// lab.reset and lab.state to every connection, steps ticking live, quiz answers, refusals.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderText } from '../../../common/i18n/text.ts';
import type { ServerMessage } from '../../../common/protocol.ts';
import { parseClientMessage } from '../../../common/protocol.ts';
import { ApiSession } from '../../../engine/api/api-session.ts';
import type { Course } from '../../../engine/course/course.ts';
import { startCourse } from '../../../engine/course/start-course.ts';
import { startLab, type StartedLab } from '../../../engine/lab/start-lab.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-lab-protocol-'));
let lab: StartedLab;
let course: Course;

beforeAll(async () => {
  lab = await startLab({ dataDir });
  ({ course } = await startCourse(lab, { progress: 'memory' }));
});
afterAll(async () => {
  course.close();
  await lab.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const until = async (check: () => boolean, ms = 5000) => {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('lab messages', () => {
  it('parses the lab messages and refuses malformed ones', () => {
    expect(parseClientMessage({ type: 'lab.open', id: '04-starttls-stripping' })).toEqual({ type: 'lab.open', id: '04-starttls-stripping' });
    expect(parseClientMessage({ type: 'lab.quiz.answer', id: '09-dane', question: 'why-311', choice: 'key' })).toEqual({ type: 'lab.quiz.answer', id: '09-dane', question: 'why-311', choice: 'key' });
    expect(parseClientMessage({ type: 'lab.open', id: '../etc' })).toBeNull();
    expect(parseClientMessage({ type: 'lab.open', id: 'x', extra: 1 })).toBeNull();
    expect(parseClientMessage({ type: 'labs.list' })).toEqual({ type: 'labs.list' });
  });

  it('welcome, open, a step ticking live, a quiz answer, a refusal', { timeout: 30_000 }, async () => {
    const a: ServerMessage[] = [];
    const b: ServerMessage[] = [];
    const one = new ApiSession({ lab, ptys: null, course, systemLocale: 'en', send: (m) => a.push(m) });
    const two = new ApiSession({ lab, ptys: null, course, systemLocale: 'ja', send: (m) => b.push(m) });
    try {
      one.receive({ type: 'hello' });
      two.receive({ type: 'hello' });
      const list = a.find((m) => m.type === 'labs.list');
      expect(list && list.type === 'labs.list' && list.labs.map((l) => l.id)).toEqual(expect.arrayContaining(['01-smtp-by-hand', '04-starttls-stripping', '09-dane']));

      one.receive({ type: 'lab.open', id: '04-starttls-stripping' });
      await until(() => b.some((m) => m.type === 'lab.state' && m.state.active));
      expect(b.some((m) => m.type === 'lab.reset' && m.id === '04-starttls-stripping')).toBe(true);
      const opened = [...b].reverse().find((m) => m.type === 'lab.state');
      expect(opened?.type === 'lab.state' && opened.state.lesson.ja).toContain('STARTTLS');

      // A zone edit from the UI ticks publish-txt on both connections.
      one.receive({ type: 'dns.edit', op: 'add', zone: 'example.jp', name: '_mta-sts', rrtype: 'TXT', value: 'v=STSv1; id=1' });
      await until(() => b.some((m) => m.type === 'lab.state' && m.state.steps.some((s) => s.id === 'publish-txt' && s.done)));

      one.receive({ type: 'lab.quiz.answer', id: '04-starttls-stripping', question: 'testing-mode', choice: 'defers' });
      const answered = [...a].reverse().find((m) => m.type === 'lab.state');
      const q = answered?.type === 'lab.state' ? answered.state.quiz.find((x) => x.id === 'testing-mode') : undefined;
      expect(q?.answered).toMatchObject({ choice: 'defers', correct: false });
      expect(q?.answered?.explanation.en).toContain('RFC 8461 §5');

      one.receive({ type: 'lab.quiz.answer', id: '04-starttls-stripping', question: 'no-such-question', choice: 'a' });
      const refusal = a.at(-1);
      expect(refusal).toMatchObject({ type: 'error', message: 'lab: no question "no-such-question" in lab "04-starttls-stripping"' });
      expect(refusal?.type === 'error' && refusal.messageText && renderText('ja', refusal.messageText)).toBe('lab：実習「04-starttls-stripping」に問題「no-such-question」はない');

      one.receive({ type: 'lab.progress.reset', id: '04-starttls-stripping' });
      const cleared = [...b].reverse().find((m) => m.type === 'lab.state');
      expect(cleared?.type === 'lab.state' && cleared.state.steps.every((s) => !s.done)).toBe(true);
    } finally {
      one.dispose();
      two.dispose();
    }
  });
});
