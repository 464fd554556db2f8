// The keys that sign the mail sender.example sends (RFC 6376 §3.6.1): the one in use and the
// next, each under its own selector, so a key rollover goes as operators do it (M3AAWG "DKIM Key
// Rotation"): publish the next key's record, switch the signer to it, and remove the old record
// once mail signed with it is no longer in flight. The next key exists from the start, so its
// record can be printed and published before the switch.
import type { DkimKey } from './dkim-key.ts';
import { loadDkimKey } from './dkim-key.ts';

export type DkimKeyChoice = 'current' | 'next';

export const MAIL_SELECTORS: Readonly<Record<DkimKeyChoice, string>> = { current: 'mail1', next: 'mail2' };

export interface DkimKeyStatus {
  /** Which key signs now. */
  signing: DkimKeyChoice;
  /** txt: the record's text; value: the same as quoted strings, as `lab dns add` and the zone editor take it; record: the zone-file line. */
  keys: Record<DkimKeyChoice, { selector: string; name: string; txt: string; value: string; record: string; published: boolean }>;
}

/** The zone-file line that publishes a key: `mail1._domainkey.sender.example. 300 IN TXT "v=DKIM1; ..."`, split in 255-octet strings (RFC 1035 §3.3.14). */
export function dkimRecordLine(key: DkimKey, ttl = 300): string {
  return `${key.selector}._domainkey.${key.domain}. ${ttl} IN TXT ${txtValue(key.txt)}`;
}

/** A TXT text as quoted character-strings of at most 255 octets (the key text is ASCII). */
export function txtValue(txt: string): string {
  return (txt.match(/.{1,255}/g) ?? ['']).map((part) => `"${part}"`).join(' ');
}

export class MailDkimKeys {
  private signing: DkimKeyChoice = 'current';
  readonly keys: Record<DkimKeyChoice, DkimKey>;

  constructor(dataDir: string) {
    this.keys = { current: loadDkimKey(dataDir, MAIL_SELECTORS.current), next: loadDkimKey(dataDir, MAIL_SELECTORS.next) };
  }

  /** The key OpenDKIM signs with now. */
  inUse(): DkimKey {
    return this.keys[this.signing];
  }

  use(choice: DkimKeyChoice): void {
    this.signing = choice;
  }

  /** published(name, txt): whether the zone holds exactly this key's record now. */
  status(published: (name: string, txt: string) => boolean): DkimKeyStatus {
    const entry = (choice: DkimKeyChoice) => {
      const key = this.keys[choice];
      const name = `${key.selector}._domainkey.${key.domain}`;
      return { selector: key.selector, name, txt: key.txt, value: txtValue(key.txt), record: dkimRecordLine(key), published: published(name, key.txt) };
    };
    return { signing: this.signing, keys: { current: entry('current'), next: entry('next') } };
  }
}
