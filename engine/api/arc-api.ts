// `lab arc trust|untrust DOMAIN ...`: the ARC sealers mx.example.jp's local policy trusts to vouch
// for a DMARC result from before their change (RFC 8617 §7.2), as receivers list them (Exchange
// Online's ArcTrustedSealers, SpamAssassin's arc_trusted_sealers). A change is a trace note, and a
// lab reset forgets it.
import { isDnsName } from '../../common/protocol.ts';
import type { LabControls } from '../scenario/lab-controls.ts';
import { sealerDomain, type ArcTrustStatus } from '../scenario/receiver-control.ts';
import { text } from '../../common/i18n/text.ts';
import { refusal, type ActionReply } from './action-reply.ts';

const MAX_SEALERS = 32;

function domains(value: unknown): string[] | null {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > MAX_SEALERS || !value.every((d) => isDnsName(d) && /^[A-Za-z0-9.-]+$/.test(d))) return null;
  return value.map((d: string) => sealerDomain(d));
}

export async function arcTrust(controls: LabControls, body: unknown): Promise<ActionReply> {
  const field = (name: string) => (body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined);
  const trust = domains(field('trust'));
  const untrust = domains(field('untrust'));
  const untrustAll = field('untrustAll');
  if (!trust || !untrust || (untrustAll !== undefined && typeof untrustAll !== 'boolean')) {
    return refusal(400, text('httpApi.arcLists', { example: '{"trust":["attacker.example"]}' }));
  }
  const now = controls.receiver.settings().trustedArcSealers;
  if (trust.length || untrust.length || untrustAll) {
    const kept = untrustAll ? [] : now.filter((d) => !untrust.includes(d));
    const next = [...kept, ...trust.filter((d) => !kept.includes(d))];
    if (next.length > MAX_SEALERS) return refusal(400, text('httpApi.arcTooMany', { count: MAX_SEALERS }));
    await controls.receiver.apply({ trustedArcSealers: next });
  }
  const status: ArcTrustStatus = controls.receiver.arcTrust();
  return { status: 200, body: status };
}
