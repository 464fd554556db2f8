// The policy host as the UI's policy editor sees it: the text served per domain, the lesson
// switch, and what RFC 8461 §3.2 finds wrong with the text (served anyway: broken policies are lessons).
import type { PolicyHostEntry, PolicyHostLesson } from '../../common/sender.ts';
import type { PolicyLesson, PolicyStore } from '../nodes/policy-host/policy-store.ts';
import { parseStsPolicy } from '../policy/mta-sts/policy-file.ts';
import type { PolicyHostService } from './lab-runtime.ts';

const LESSONS: Record<PolicyHostLesson, PolicyLesson> = {
  'wrong-media-type': { kind: 'wrong-media-type' },
  redirect: { kind: 'redirect' },
  'not-found': { kind: 'not-found' },
  oversize: { kind: 'oversize' },
  slow: { kind: 'slow', delayMs: 15_000 },
};

function entryOf(store: PolicyStore, domain: string): PolicyHostEntry {
  const entry = store.get(domain)!;
  const parsed = parseStsPolicy(entry.text);
  return {
    domain,
    text: entry.text,
    mediaType: entry.mediaType,
    lesson: entry.lesson.kind === 'normal' ? null : entry.lesson.kind,
    problems: parsed.ok ? [] : parsed.errors.map((e) => ({ ...(e.line !== undefined ? { line: e.line } : {}), message: e.message, ...(e.messageText ? { messageText: e.messageText } : {}), rule: e.rule })),
  };
}

export function policyHostService(store: PolicyStore): PolicyHostService {
  const listeners = new Set<() => void>();
  return {
    entries: () => store.domains().map((domain) => entryOf(store, domain)),
    set(domain, text, lesson) {
      const key = domain.toLowerCase();
      store.set(key, text, { lesson: lesson ? LESSONS[lesson] : { kind: 'normal' } });
      for (const listener of listeners) listener();
      return entryOf(store, key);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
