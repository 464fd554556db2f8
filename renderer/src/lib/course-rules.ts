// The lesson pane's decisions, free of Svelte state so they can be tested alone: which lab the
// address names, whether it must be opened, which lab.state to show, which step just ticked.
import type { LabState, LabSummary } from '../../../common/labs.ts';

const URL_PARAM = 'lab';

/** The lab named in the page's address (`?lab=NAME`), if any. */
export function labFromUrl(search: string): string | null {
  const id = new URLSearchParams(search).get(URL_PARAM);
  return id && /^[a-z0-9-]{1,64}$/.test(id) ? id : null;
}

/** The page's address with `?lab=` set to `id` (or removed), everything else (the token) kept. */
export function urlWithLab(href: string, id: string | null): string {
  const url = new URL(href);
  if (id) url.searchParams.set(URL_PARAM, id);
  else url.searchParams.delete(URL_PARAM);
  return url.toString();
}

/**
 * What to do about the lab the address names: open it, unless the running lab is already set up
 * for it (a reload must not start it again); say so when there is no such lab.
 */
export function urlAction(id: string | null, labs: LabSummary[], active: string | null): 'none' | 'open' | 'unknown' {
  if (!id) return 'none';
  if (!labs.some((lab) => lab.id === id)) return 'unknown';
  return active === id ? 'none' : 'open';
}

/**
 * Whether the pane shows an incoming lab.state: its own lab's, or another lab that became the
 * running one (opened from another window or `lab reset NAME`); while a lab is being set up, only
 * that lab's.
 */
export function showsState(shown: LabState | null, pending: string | null, incoming: LabState): boolean {
  if (pending !== null && incoming.id !== pending) return false;
  return !shown || incoming.id === shown.id || incoming.active;
}

/** The first step done in `after` that was not in `before`. */
export function newlyDone(before: LabState, after: LabState): string | null {
  if (before.id !== after.id) return null;
  return after.steps.find((s) => s.done && !before.steps.find((b) => b.id === s.id)?.done)?.id ?? null;
}
