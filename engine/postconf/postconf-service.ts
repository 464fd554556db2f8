// `postconf`, `postconf -n`, `postconf -d` and `postconf -e` for the lab's two MTAs: main.cf as
// the explicit settings, checked strictly (an unknown parameter or a bad value changes nothing),
// applied to new connections, and every change a config row in the trace.
import { english, text as t, told } from '../../common/i18n/text.ts';
import type { PostconfEditResult, PostconfError, PostconfMode, PostconfShowResult, PostconfState } from '../../common/postconf.ts';
import type { ConfigChangeDetail } from '../../common/trace-details.ts';
import type { TraceEmitter } from '../trace/trace-store.ts';
import { effectiveSettings, type EffectiveSettings, type SettingError } from './effective-settings.ts';
import { isAssignment, parseAssignment, parseMainCf, type Assignment } from './main-cf-syntax.ts';
import { LAB_MAIN_CF, PARAMETERS, parameter } from './parameters.ts';

export type { PostconfError };

export interface PostconfService {
  /** postconf / postconf -n / postconf -d: `name = value` lines for the given names (all known when empty). */
  show(mode: 'all' | 'non-default' | 'defaults', names?: string[]): PostconfShowResult;
  /** postconf -e 'name = value' ...: all or nothing; applies to new connections. */
  edit(assignments: string[]): PostconfEditResult;
  /** Back to the lab's defaults (used by lab reset). */
  reset(): void;
  /** Called after every change. */
  subscribe(listener: () => void): () => void;
}

export interface LabPostconf extends PostconfService {
  /** The main.cf pane: this text becomes main.cf (what it leaves out returns to Postfix's default); errors name their line. */
  replace(text: string): PostconfEditResult;
  /** postconf -n, for the main.cf pane. */
  state(): PostconfState;
  /** What the MTAs do now. */
  settings(): EffectiveSettings;
}

export interface PostconfDeps {
  /** Configures the MTAs for new connections. */
  apply(settings: EffectiveSettings): void;
  trace?: TraceEmitter;
  nextFlow?(): string;
  /** Lab host of each side, for the config rows. */
  nodes: { receiver: string; sender: string };
  /** Configure the MTAs with the lab's main.cf at once (default); false when they were started with a configuration of their own. */
  applyAtStart?: boolean;
}

const line = (name: string, value: string) => (value === '' ? `${name} =` : `${name} = ${value}`);

/** Edit distance, to name the parameter a typo was probably meant to be. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

function unknownParameter(index: number, name: string): PostconfError {
  const [best] = PARAMETERS.map((p) => ({ name: p.name, d: distance(name.toLowerCase(), p.name) })).sort((a, b) => a.d - b.d);
  const hint = best && best.d <= 3 ? t('postconf.didYouMean', { name: best.name }) : t('postconf.seeDefaults');
  return { index, param: name, ...told(t('postconf.unknownParam', { name, hint })) };
}

/** Where an error about a parameter goes: the line that sets it, else the line that set something it depends on. */
function placeError(error: SettingError, assignments: readonly Assignment[]): PostconfError {
  const own = [...assignments].reverse().find((a) => a.name === error.param);
  const family = error.param.replace(/_(cert|key|chain)_files?$/, '');
  const related = own ?? [...assignments].reverse().find((a) => a.name.startsWith(family) || a.name.startsWith(error.param.split('_')[0] + '_tls'));
  return { index: related?.index ?? assignments[0]?.index ?? 0, param: error.param, ...told(t('postconf.paramProblem', { param: error.param, problem: error.messageText })) };
}

export function createPostconfService(deps: PostconfDeps): LabPostconf {
  let explicit = new Map(Object.entries(LAB_MAIN_CF));
  const first = effectiveSettings(explicit);
  if (!first.ok) throw new Error(`the lab's own main.cf is invalid: ${first.errors.map((e) => e.message).join('; ')}`);
  let current = first.settings;
  if (deps.applyAtStart !== false) deps.apply(current);
  const listeners = new Set<() => void>();

  const commit = (next: Map<string, string>, settings: EffectiveSettings, via: ConfigChangeDetail['via']): string[] => {
    const before = explicit;
    const changed = PARAMETERS.map((p) => p.name).filter((name) => (before.get(name) ?? null) !== (next.get(name) ?? null));
    explicit = next;
    current = settings;
    if (changed.length === 0) return changed;
    deps.apply(settings);
    const flow = deps.nextFlow?.();
    for (const name of changed) {
      const def = parameter(name)!;
      const node = def.side === 'receiver' ? deps.nodes.receiver : deps.nodes.sender;
      const old = before.get(name) ?? def.postfixDefault;
      const now = next.get(name) ?? def.postfixDefault;
      const summaryText = t('row.configChanged', { via: via === 'reset' ? t('row.configViaReset') : via, setting: line(name, now), node, old: old === '' ? t('row.configEmpty') : old });
      const detail: ConfigChangeDetail = { kind: 'config', node, param: name, old, new: now, via, summaryText };
      deps.trace?.emit({
        flow: flow ?? 'config',
        link: { from: node, to: node },
        layer: 'note',
        dir: 'none',
        summary: english(summaryText),
        detail: { ...detail },
        visibility: 'plaintext',
      });
    }
    for (const listener of listeners) {
      try {
        listener();
      } catch (err) {
        console.error('postconf listener failed:', err);
      }
    }
    return changed;
  };

  const tryCommit = (next: Map<string, string>, assignments: readonly Assignment[], via: ConfigChangeDetail['via']): PostconfEditResult => {
    const resolved = effectiveSettings(next);
    if (!resolved.ok) return { ok: false, errors: resolved.errors.map((e) => placeError(e, assignments)) };
    return { ok: true, changed: commit(next, resolved.settings, via) };
  };

  return {
    show(mode: PostconfMode, names = []) {
      const errors = names.flatMap((name, index) => (parameter(name) ? [] : [unknownParameter(index, name)]));
      if (errors.length > 0) return { ok: false, errors };
      // Named parameters come out in the order asked, repeats included, as Postfix's postconf prints them.
      const wanted = names.length > 0 ? names : PARAMETERS.map((p) => p.name);
      const value = (name: string): string | undefined => {
        if (mode === 'defaults') return parameter(name)!.postfixDefault;
        if (mode === 'non-default') return explicit.get(name);
        return explicit.get(name) ?? parameter(name)!.postfixDefault;
      };
      return { ok: true, lines: wanted.flatMap((name) => (value(name) === undefined ? [] : [line(name, value(name)!)])) };
    },

    edit(texts) {
      const errors: PostconfError[] = [];
      const assignments: Assignment[] = [];
      texts.forEach((text, index) => {
        const parsed = parseAssignment(text, index);
        if (!isAssignment(parsed)) errors.push(parsed);
        else if (!parameter(parsed.name)) errors.push(unknownParameter(index, parsed.name));
        else {
          const problem = parameter(parsed.name)!.check(parsed.value);
          if (problem && !parsed.value.includes('$')) errors.push({ index, param: parsed.name, ...told(t('postconf.paramProblem', { param: parsed.name, problem })) });
          else assignments.push(parsed);
        }
      });
      if (texts.length === 0) errors.push({ index: 0, ...told(t('postconf.nothing')) });
      if (errors.length > 0) return { ok: false, errors };
      const next = new Map(explicit);
      for (const a of assignments) next.set(a.name, a.value);
      return tryCommit(next, assignments, 'postconf -e');
    },

    replace(text) {
      const { assignments, errors: syntax } = parseMainCf(text);
      const errors: PostconfError[] = [...syntax];
      const seen = new Map<string, number>();
      for (const a of assignments) {
        const def = parameter(a.name);
        if (!def) errors.push(unknownParameter(a.index, a.name));
        else if (seen.has(a.name)) errors.push({ index: a.index, param: a.name, ...told(t('postconf.alreadySet', { name: a.name, line: seen.get(a.name)! + 1 })) });
        else {
          seen.set(a.name, a.index);
          const problem = def.check(a.value);
          if (problem && !a.value.includes('$')) errors.push({ index: a.index, param: a.name, ...told(t('postconf.paramProblem', { param: a.name, problem })) });
        }
      }
      if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.index - b.index) };
      return tryCommit(new Map(assignments.map((a) => [a.name, a.value])), assignments, 'main.cf');
    },

    reset() {
      const next = new Map(Object.entries(LAB_MAIN_CF));
      const resolved = effectiveSettings(next);
      if (resolved.ok) commit(next, resolved.settings, 'reset');
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    state() {
      return { nonDefault: [...explicit.keys()].sort().map((name) => line(name, explicit.get(name)!)) };
    },

    settings() {
      return current;
    },
  };
}
