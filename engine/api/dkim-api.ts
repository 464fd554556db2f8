// `lab dkim`: which key signs sender.example's mail, each key's TXT record, and whether the zone
// publishes it now; `use` switches the signer (the middle step of a key rollover) and says so in the
// trace, with whether receivers can already find the key the signatures now name.
import { english, text } from '../../common/i18n/text.ts';
import type { DkimKeyChoice, DkimKeyStatus } from '../nodes/sender/dkim/mail-dkim-keys.ts';
import type { LabControls } from '../scenario/lab-controls.ts';

const SIGNER = 'mail.sender.example';

export function dkimStatus(controls: LabControls, use?: DkimKeyChoice): DkimKeyStatus {
  const keys = controls.lab.mailDkim;
  if (use) keys.use(use);
  const zone = controls.lab.dns.zones.zone('sender.example');
  const published = (name: string, txt: string) =>
    (zone?.records ?? []).some((r) => r.type === 'TXT' && r.name.toLowerCase() === name.toLowerCase() && (r.data as Buffer[]).map((part) => part.toString()).join('') === txt);
  const status = keys.status(published);
  if (use) traceKeySwitch(controls, status);
  return status;
}

function traceKeySwitch(controls: LabControls, status: DkimKeyStatus): void {
  const key = status.keys[status.signing];
  const summaryText = text(key.published ? 'dkimKey.switchedPublished' : 'dkimKey.switchedUnpublished', { host: SIGNER, key: status.signing, selector: key.selector, name: key.name });
  controls.lab.trace.emit({
    flow: 'config',
    link: { from: SIGNER, to: SIGNER },
    layer: 'note',
    dir: 'none',
    summary: english(summaryText),
    detail: { kind: 'dkim-key', key: status.signing, selector: key.selector, published: key.published, summaryText },
    visibility: 'plaintext',
    // A new key under a new selector, so old and new signatures verify side by side (RFC 6376 §3.1).
    rule: 'RFC 6376 §3.1',
  });
}
