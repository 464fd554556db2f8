import { describe, expect, it } from 'vitest';
import type { LabState, LabSummary } from '../../../common/labs.ts';
import { labFromUrl, newlyDone, showsState, urlAction, urlWithLab } from '../../../renderer/src/lib/course-rules.ts';

const text = (en: string) => ({ en, ja: en });
const summary = (id: string): LabSummary => ({ id, number: Number(id.slice(0, 2)), title: text(id), summary: text(''), steps: 2, done: 0 });
const state = (id: string, active: boolean, done: string[] = []): LabState => ({
  id,
  title: text(id),
  lesson: text('# ' + id),
  steps: ['a', 'b'].map((s) => ({ id: s, title: text(s), hints: [], done: done.includes(s) })),
  quiz: [],
  active,
});
const LABS = [summary('04-starttls-stripping'), summary('09-dane')];

describe('the address', () => {
  it('names a lab with ?lab=, and keeps the token when it changes', () => {
    expect(labFromUrl('?token=abc&lab=04-starttls-stripping')).toBe('04-starttls-stripping');
    expect(labFromUrl('?token=abc')).toBeNull();
    expect(labFromUrl('?lab=%3Cscript%3E')).toBeNull();
    expect(urlWithLab('http://127.0.0.1:4000/?token=abc', '09-dane')).toBe('http://127.0.0.1:4000/?token=abc&lab=09-dane');
    expect(urlWithLab('http://127.0.0.1:4000/?token=abc&lab=09-dane', '04-starttls-stripping')).toBe(
      'http://127.0.0.1:4000/?token=abc&lab=04-starttls-stripping',
    );
    expect(urlWithLab('http://127.0.0.1:4000/?token=abc&lab=09-dane', null)).toBe('http://127.0.0.1:4000/?token=abc');
  });

  it('opens the named lab unless the running lab is set up for it already (a reload)', () => {
    expect(urlAction('04-starttls-stripping', LABS, null)).toBe('open');
    expect(urlAction('04-starttls-stripping', LABS, '09-dane')).toBe('open');
    expect(urlAction('04-starttls-stripping', LABS, '04-starttls-stripping')).toBe('none');
    expect(urlAction('99-nothing', LABS, null)).toBe('unknown');
    expect(urlAction(null, LABS, '09-dane')).toBe('none');
  });
});

describe('which lab.state the lesson pane shows', () => {
  it('shows the first one, its own lab’s, and a lab set up elsewhere; not another lab’s answers', () => {
    expect(showsState(null, null, state('09-dane', false))).toBe(true);
    expect(showsState(state('04-starttls-stripping', true), null, state('04-starttls-stripping', false))).toBe(true);
    expect(showsState(state('04-starttls-stripping', true), null, state('09-dane', false))).toBe(false);
    expect(showsState(state('04-starttls-stripping', true), null, state('09-dane', true))).toBe(true);
  });

  it('while a lab is set up, shows only that lab’s', () => {
    expect(showsState(null, '09-dane', state('04-starttls-stripping', true))).toBe(false);
    expect(showsState(state('04-starttls-stripping', true), '09-dane', state('09-dane', true))).toBe(true);
  });

  it('names the step that just ticked', () => {
    expect(newlyDone(state('09-dane', true, ['a']), state('09-dane', true, ['a', 'b']))).toBe('b');
    expect(newlyDone(state('09-dane', true, ['a']), state('09-dane', true, ['a']))).toBeNull();
    expect(newlyDone(state('04-starttls-stripping', true), state('09-dane', true, ['a']))).toBeNull();
  });
});
