// A running lab as a scenario sets it up and a lab reset puts it back: every knob in one place.
// Made right after startLab(), so it remembers the zones as the lab generated them.
import type { DnsService } from '../dns/lab/dns-service.ts';
import type { ZoneData } from '../dns/zone/zone-data.ts';
import type { PolicyHostService } from '../lab/lab-runtime.ts';
import { DEFAULT_POLICY } from '../lab/lab-sender.ts';
import type { StartedLab } from '../lab/start-lab.ts';
import { DEFAULT_RECEIVER_SETTINGS, ReceiverControl } from './receiver-control.ts';
import { ispStatus } from '../api/isp-api.ts';
import { TERMINAL_NODE } from '../network/lab-hosts.ts';
import { renderText, text } from '../../common/i18n/text.ts';

/** main.cf as the postconf service offers it (engine/postconf): what a scenario and a reset need. */
export interface PostconfPort {
  edit(assignments: string[]): { ok: true } | { ok: false; errors: { index: number; param?: string; message: string }[] };
  reset(): void;
}

export interface LabControls {
  lab: StartedLab;
  /** The zone editor and lookups, as the UI's DNS tab uses them. */
  dns: DnsService;
  /** The MTA-STS policy host, as the UI's policy editor uses it. */
  policyHost: PolicyHostService;
  receiver: ReceiverControl;
  /** The lab's main.cf, when this lab has one. */
  postconf(): PostconfPort | undefined;
  /**
   * Back to how the lab started: mailbox and queue empty, zones and their modes as generated,
   * the policy host serving the default policy, the attacker off and forgetful, main.cf at its
   * defaults, the receiver with its current key, the sender's MTA-STS cache empty, no DMARC
   * evaluations counted and no DMARC reports.
   */
  reset(): Promise<void>;
  /** Listeners told after every reset (the UI reloads its snapshots). */
  onReset(listener: () => void): () => void;
}

export async function labControls(lab: StartedLab): Promise<LabControls> {
  const zones: ZoneData[] = lab.dns.zones.origins().map((origin) => {
    const zone = lab.dns.zones.zone(origin)!;
    return { ...zone, records: [...zone.records] };
  });
  const receiver = await ReceiverControl.create(lab);
  const { dnsService: dns, policyHost } = lab;
  if (!dns || !policyHost) throw new Error('this lab has no DNS or no policy host to set up');
  const listeners = new Set<() => void>();
  const postconf = () => (lab as StartedLab & { postconf?: PostconfPort }).postconf;
  return {
    lab,
    dns,
    policyHost,
    receiver,
    postconf,
    async reset() {
      await lab.attacker.reset();
      lab.sender.reset();
      lab.receiver.mailbox.clear();
      lab.dmarc.reset();
      lab.dns.zones.restore(zones.map((zone) => ({ ...zone, records: [...zone.records] })));
      const store = lab.policy.store;
      for (const domain of store.domains()) store.delete(domain);
      store.set('example.jp', DEFAULT_POLICY, { mediaType: 'text/plain', lesson: { kind: 'normal' } });
      postconf()?.reset();
      await receiver.apply(DEFAULT_RECEIVER_SETTINGS);
      lab.mailDkim.use('current');
      ispStatus(lab.network, false);
      lab.trace.emit({
        flow: 'config',
        // The learner asked for it: a note over their own lifeline, not a lifeline of its own.
        link: { from: TERMINAL_NODE, to: TERMINAL_NODE },
        layer: 'note',
        dir: 'none',
        summary: renderText('en', text('lab.reset')),
        detail: { kind: 'lab-reset', summaryText: text('lab.reset') },
        visibility: 'plaintext',
      });
      for (const listener of listeners) listener();
    },
    onReset(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
