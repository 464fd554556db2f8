// The mail checker as the lab's front ends share it: one run at a time (the ladder then reads one
// test after another), and every result told to all who follow the checker, whoever asked for it
// (the Checker tab, `lab checker` in the terminal), so the tab shows a run made from the terminal.
import type { CheckerReport } from '../../common/checker.ts';
import { text, told } from '../../common/i18n/text.ts';
import { canonicalName, domainProblemText } from '../policy/dns-name.ts';
import type { CheckerRun, CheckerService } from './lab-runtime.ts';

/** check: one test of a well-formed domain name; it may throw, and the run then says why it has no report. */
export function checkerService(check: (domain: string) => Promise<CheckerReport>): CheckerService {
  const listeners = new Set<(result: CheckerRun) => void>();
  let last: CheckerRun | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const tell = (result: CheckerRun): CheckerRun => {
    if (result.ok) last = result;
    for (const listener of listeners) listener(result);
    return result;
  };
  return {
    run(domain) {
      const name = canonicalName(domain);
      const problem = domainProblemText(name);
      if (problem) return Promise.resolve(tell({ ok: false, domain, ...told(text('checkerRun.notDomain', { domain, problem })) }));
      const next = queue.then(() => check(name)).then(
        (report): CheckerRun => tell({ ok: true, report }),
        (error: Error): CheckerRun => tell({ ok: false, domain: name, ...told(text('checkerRun.failed', { domain: name, error: error.message })) }),
      );
      queue = next;
      return next;
    },
    last: () => last,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
