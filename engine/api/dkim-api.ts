// `lab dkim`: which key signs sender.example's mail, each key's TXT record, and whether the zone
// publishes it now; `use` switches the signer (the middle step of a key rollover).
import type { DkimKeyChoice, DkimKeyStatus } from '../nodes/sender/dkim/mail-dkim-keys.ts';
import type { LabControls } from '../scenario/lab-controls.ts';

export function dkimStatus(controls: LabControls, use?: DkimKeyChoice): DkimKeyStatus {
  const keys = controls.lab.mailDkim;
  if (use) keys.use(use);
  const zone = controls.lab.dns.zones.zone('sender.example');
  const published = (name: string, txt: string) =>
    (zone?.records ?? []).some((r) => r.type === 'TXT' && r.name.toLowerCase() === name.toLowerCase() && (r.data as Buffer[]).map((part) => part.toString()).join('') === txt);
  return keys.status(published);
}
