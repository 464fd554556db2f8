// The on-path attacker as the lab runs it (AttackerService): one attack at a time, switched on
// and off from the UI, a scenario or the terminal; what it learns is kept and told live.

import { linkText } from '../../common/i18n/node-names.ts';
import { text, told } from '../../common/i18n/text.ts';
import type { AttackInfo, AttackName, AttackStatus } from '../../common/attack.ts';
import type { AttackerService, AttackSetResult } from './attacker-service.ts';
import type { AttackerContext, Installation } from './attack-module.ts';
import { attackRows, type AttackRows } from './attack-rows.ts';
import { startImpostor, type Impostor } from './impostor/impostor.ts';
import { KnowledgeBook } from './knowledge/knowledge-book.ts';
import { ATTACKER_MX, MX_HOST } from './lab-names.ts';
import { checkParams } from './params.ts';
import { ATTACK_MODULES } from './registry.ts';

export type { AttackerContext } from './attack-module.ts';

export interface Attacker extends AttackerService {
  /** Whether it read the message with this Message-ID on one of these connections (trace flows). */
  hasRead(flows: readonly string[], messageId: string): boolean;
  /** Off, and what it learnt forgotten (a lab reset). */
  reset(): Promise<AttackStatus>;
  /** Lab port -> loopback port of the impostor for the learner's terminal, once it runs ({} before). */
  impostorPorts(): Record<string, number>;
  close(): Promise<void>;
}

interface Active {
  name: AttackName;
  params: Record<string, string>;
  installation: Installation;
  rows: AttackRows;
}

export function createAttacker(ctx: AttackerContext): Attacker {
  const modules = ATTACK_MODULES;
  const knowledge = new KnowledgeBook();
  const listeners = new Set<(status: AttackStatus) => void>();
  let active: Active | null = null;
  let impostor: Promise<Impostor> | null = null;
  let impostorUp: Impostor | null = null;
  // set/off run one after another, so two quick clicks cannot leave two attacks installed.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => {});
    return next;
  };

  const status = (): AttackStatus => ({
    active: active ? { name: active.name, params: { ...active.params }, links: [...active.installation.links] } : null,
    knowledge: knowledge.snapshot(),
  });
  const notify = () => {
    if (listeners.size === 0) return;
    const current = status();
    for (const listener of listeners) {
      try {
        listener(current);
      } catch (err) {
        console.error('attacker status listener failed:', err);
      }
    }
  };
  knowledge.onChange(notify);

  const stopActive = async () => {
    const was = active;
    if (!was) return;
    active = null;
    await was.installation.stop();
    was.rows.general({ action: 'off', said: text('attack.switchedOff', { attack: was.name }), fields: { links: was.installation.links } });
  };

  return {
    hasRead: (flows, messageId) => knowledge.hasRead(flows, messageId),
    impostorPorts: (): Record<string, number> => (impostorUp ? { '25': impostorUp.terminalLink.listenPort } : {}),
    list: (): AttackInfo[] => modules.map((m) => structuredClone(m.info)),
    status,
    set(name, given) {
      return serial(async (): Promise<AttackSetResult> => {
        const module = modules.find((m) => m.info.name === name);
        if (!module) return { ok: false, ...told(text('attackSet.unknown', { name, names: modules.map((m) => m.info.name).join(', ') })) };
        const checked = checkParams(module.info, given ?? {});
        if (!checked.ok) return checked;
        await stopActive();
        knowledge.reset();
        const rows = attackRows(name, (event) => ctx.trace.emit(event), ctx.flows.next(), { from: ATTACKER_MX, to: module.info.target === 'dns' ? 'ns.example.jp' : MX_HOST });
        let installation: Installation;
        try {
          installation = await module.start({
            ctx,
            name,
            params: checked.params,
            rows,
            knowledge,
            impostor: () => (impostor ??= startImpostor(ctx).then(
              (up) => (impostorUp = up),
              (err: unknown) => {
                impostor = null;
                throw err;
              },
            )),
          });
        } catch (err) {
          notify();
          return { ok: false, ...told(text('attackSet.cannotStart', { name, error: (err as Error).message })) };
        }
        active = { name, params: checked.params, installation, rows };
        const shown = Object.entries(checked.params).map(([k, v]) => `${k}=${v}`).join(', ');
        rows.general({ action: 'on', said: text(shown ? 'attack.switchedOnParams' : 'attack.switchedOn', { attack: name, params: shown, links: installation.links.map(linkText) }), fields: { params: checked.params, links: installation.links } });
        notify();
        return { ok: true, status: status() };
      });
    },
    off() {
      return serial(async () => {
        await stopActive();
        notify();
        return status();
      });
    },
    reset() {
      return serial(async () => {
        await stopActive();
        knowledge.reset();
        return status();
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      return serial(async () => {
        await stopActive();
        knowledge.close();
        listeners.clear();
        const running = impostor;
        impostor = null;
        impostorUp = null;
        if (running) await running.then((i) => i.close(), () => {});
      });
    },
  };
}
