// A scenario's set-up applied to a freshly reset lab, through the same services the UI and the
// terminal use (zone editor, policy host, attacker, sender, postconf). A refusal stops the set-up
// with the reason; nothing is half-explained.
import type { SendRequest } from '../../common/sender.ts';
import type { LabControls } from './lab-controls.ts';
import type { Scenario } from './scenario-schema.ts';

export type SetupResult = { ok: true } | { ok: false; message: string };

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
    if (!postconf) return { ok: false, message: 'main.cf: this lab has no postconf service to apply main.cf lines with' };
    const edited = postconf.edit(mainCf);
    if (!edited.ok) return { ok: false, message: edited.errors.map((e) => `main.cf line ${e.index + 1} (${mainCf[e.index]}): ${e.message}`).join('; ') };
  }
  for (const [zone, mode] of Object.entries(scenario.dns?.modes ?? {})) {
    const result = controls.dns.setMode(zone, mode);
    if (!result.ok) return { ok: false, message: `dns.modes.${zone}: ${result.message} (${result.rule})` };
  }
  for (const [i, record] of (scenario.dns?.records ?? []).entries()) {
    const result = controls.dns.edit({ op: record.op, zone: '', name: record.name, type: record.type, ...(record.value !== undefined ? { value: record.value } : {}), ...(record.ttl !== undefined ? { ttl: record.ttl } : {}) });
    if (!result.ok) return { ok: false, message: `dns.records[${i}] (${record.op} ${record.name} ${record.type}): ${result.message} (${result.rule})` };
  }
  const host = scenario.policyHost;
  if (host) {
    const existing = controls.policyHost.entries().find((e) => e.domain === host.domain.toLowerCase());
    const text = host.policy ?? existing?.text ?? '';
    controls.policyHost.set(host.domain, text, !host.behaviour || host.behaviour === 'normal' ? null : host.behaviour);
  }
  if (scenario.sender.deliveredBefore) {
    const warm = lab.sender.submit({ ...scenarioRequest(scenario), subject: 'Earlier message (scenario set-up)', body: 'Delivered before the attacker came on.' });
    if (!warm.ok) return { ok: false, message: `sender.deliveredBefore: ${warm.message}` };
    const settled = await lab.sender.settled(warm.message.id);
    if (!settled.outcome?.delivered) return { ok: false, message: `sender.deliveredBefore: the earlier delivery did not arrive (${settled.outcome?.reason ?? settled.state})` };
  }
  if (scenario.attack) {
    const set = await lab.attacker.set(scenario.attack.name, scenario.attack.params ?? {});
    if (!set.ok) return { ok: false, message: `attack: ${set.message}` };
  }
  return { ok: true };
}
