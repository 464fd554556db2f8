// What every attack module is and gets: adding an attack is adding a file in attacks/ and
// one line in registry.ts (STYLE.md rule 12).

import type { AttackInfo, AttackName } from '../../common/attack.ts';
import type { LabDns } from '../dns/lab/lab-dns.ts';
import type { LabLink, LabNetwork } from '../network/lab-network.ts';
import type { LabRoutes } from '../network/lab-routes.ts';
import type { LabPki } from '../pki/lab-pki.ts';
import type { FlowIdAllocator } from '../trace/flow-ids.ts';
import type { TraceStore } from '../trace/trace-store.ts';
import type { AttackRows } from './attack-rows.ts';
import type { Impostor } from './impostor/impostor.ts';
import type { KnowledgeBook } from './knowledge/knowledge-book.ts';

export interface AttackerContext {
  network: LabNetwork;
  routes: LabRoutes;
  dns: LabDns;
  pki: LabPki;
  trace: TraceStore;
  flows: FlowIdAllocator;
  dataDir: string;
  /** The links an smtp attack sits on: sender → mx and terminal → mx (port 25 and 587). */
  smtpLinks(): LabLink[];
  /** The genuine receiver, for the lesson that switches its STARTTLS buffer handling. */
  receiver?: { setStarttlsPlaintext(mode: 'discard' | 'execute'): void };
}

/** What a module gets when it is switched on. */
export interface AttackRun {
  ctx: AttackerContext;
  name: AttackName;
  /** Checked against the module's parameters, defaults filled in. */
  params: Record<string, string>;
  rows: AttackRows;
  knowledge: KnowledgeBook;
  /** The attacker's own receiving MTA; started on first use, kept until the attacker closes. */
  impostor(): Promise<Impostor>;
}

/** What a module installed, and how to take it away again. */
export interface Installation {
  /** Where it sits, e.g. "terminal → mx.example.jp:25" or "mail.sender.example → ns.example.jp:53". */
  links: string[];
  stop(): Promise<void> | void;
}

export interface AttackModule {
  info: AttackInfo;
  start(run: AttackRun): Promise<Installation>;
}

/** Installs one after another; if one fails, what was installed before it is removed again. */
export async function installAll(steps: (() => Promise<Installation>)[]): Promise<Installation> {
  const parts: Installation[] = [];
  try {
    for (const step of steps) parts.push(await step());
  } catch (err) {
    await combined(parts).stop();
    throw err;
  }
  return combined(parts);
}

/** Installations removed in reverse order. */
export function combined(parts: Installation[]): Installation {
  return {
    links: [...new Set(parts.flatMap((p) => p.links))],
    async stop() {
      for (const part of [...parts].reverse()) await part.stop();
    },
  };
}
