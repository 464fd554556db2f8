// A scenario's set-up applied to a freshly reset lab, through the same services the UI and the
// terminal use (zone editor, policy host, attacker, sender, postconf). A refusal stops the set-up
// with the reason; nothing is half-explained.
import { messageOf, reasonOf, told, text, type Text } from '../../common/i18n/text.ts';
import type { SendRequest } from '../../common/sender.ts';
import type { LabControls } from './lab-controls.ts';
import type { Scenario } from './scenario-schema.ts';

export type SetupResult = { ok: true } | { ok: false; message: string; messageText: Text };

const stop = (value: Text): SetupResult => ({ ok: false, ...told(value) });

/** The send request of the scenario's message. */
export function scenarioRequest(scenario: Scenario): SendRequest {
  const { sender, message } = scenario;
  const request: SendRequest = {
    from: message.from,
    to: Array.isArray(message.to) ? message.to : [message.to],
    subject: message.subject,
    body: message.body,
  };
  if (sender.policy !== undefined) request.policy = sender.policy;
  if (sender.dnssec !== undefined) request.dnssec = sender.dnssec;
  if (sender.versionFallback !== undefined) request.versionFallback = sender.versionFallback;
  if (sender.fallbackScsv !== undefined) request.fallbackScsv = sender.fallbackScsv;
  if (sender.requireTls !== undefined) request.requireTls = sender.requireTls;
  if (sender.tlsRequiredNo !== undefined) request.tlsRequiredNo = sender.tlsRequiredNo;
  return request;
}

export async function applyScenario(controls: LabControls, scenario: Scenario): Promise<SetupResult> {
  const { lab } = controls;
  if (scenario.receiver) await controls.receiver.apply(scenario.receiver);
  const mainCf = scenario['main.cf'];
  if (mainCf?.length) {
    const postconf = controls.postconf();
    if (!postconf) return stop(text('scenario.noPostconf'));
    const edited = postconf.edit(mainCf);
    if (!edited.ok) {
      const lines = edited.errors.map((e) => text('scenario.mainCfLine', { line: e.index + 1, text: mainCf[e.index], message: messageOf(e) }));
      return stop(lines.reduceRight((rest, first) => text('scenario.andMore', { first, rest })));
    }
  }
  for (const [zone, mode] of Object.entries(scenario.dns?.modes ?? {})) {
    const result = controls.dns.setMode(zone, mode);
    if (!result.ok) return stop(text('scenario.dnsMode', { zone, message: messageOf(result), rule: result.rule }));
  }
  for (const [i, record] of (scenario.dns?.records ?? []).entries()) {
    const result = controls.dns.edit({ op: record.op, zone: '', name: record.name, type: record.type, ...(record.value !== undefined ? { value: record.value } : {}), ...(record.ttl !== undefined ? { ttl: record.ttl } : {}) });
    if (!result.ok) return stop(text('scenario.dnsRecord', { index: i, op: record.op, name: record.name, type: record.type, message: messageOf(result), rule: result.rule }));
  }
  const host = scenario.policyHost;
  if (host) {
    const existing = controls.policyHost.entries().find((e) => e.domain === host.domain.toLowerCase());
    const text = host.policy ?? existing?.text ?? '';
    controls.policyHost.set(host.domain, text, !host.behaviour || host.behaviour === 'normal' ? null : host.behaviour);
  }
  if (scenario.sender.deliveredBefore) {
    const warm = lab.sender.submit({ ...scenarioRequest(scenario), subject: 'Earlier message (scenario set-up)', body: 'Delivered before the attacker came on.' });
    if (!warm.ok) return stop(text('scenario.deliveredBefore', { message: messageOf(warm) }));
    const settled = await lab.sender.settled(warm.message.id);
    if (!settled.outcome?.delivered) return stop(text('scenario.notDelivered', { reason: settled.outcome ? reasonOf(settled.outcome) : settled.state }));
  }
  if (scenario.attack) {
    const set = await lab.attacker.set(scenario.attack.name, scenario.attack.params ?? {});
    if (!set.ok) return stop(text('scenario.attack', { message: messageOf(set) }));
  }
  return { ok: true };
}
