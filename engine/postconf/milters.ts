// smtpd_milters for the lab's receiver: Postfix hands each message to the mail filters listed
// there (MILTER_README), and sender authentication is added to Postfix exactly so. The lab's
// filters listen where Debian's packages put them:
//   inet:localhost:8891  OpenDKIM   (verifies DKIM signatures)
//   inet:localhost:8893  OpenDMARC  (checks SPF itself and DMARC; p=reject refused, p=quarantine to Junk)
//   inet:localhost:8894  OpenARC    (verifies the ARC chain)
// Any other filter is refused: the lab has nothing listening there.
import { text as t, type Text } from '../../common/i18n/text.ts';

export type LabMilter = 'opendkim' | 'opendmarc' | 'openarc';

export const LAB_MILTER_PORTS: Readonly<Record<number, LabMilter>> = { 8891: 'opendkim', 8893: 'opendmarc', 8894: 'openarc' };

/** The value that turns every lab check on, as the lab's auth labs write it. */
export const ALL_LAB_MILTERS = 'inet:localhost:8891, inet:localhost:8893, inet:localhost:8894';

export type MilterChoice = Record<LabMilter, boolean>;

const ENTRY = /^inet:(?:localhost|127\.0\.0\.1|\[127\.0\.0\.1\]):(\d+)$/i;

/** Entries of a milter list: separated by commas or white space (postconf(5) "smtpd_milters"); braces are Postfix's per-milter settings. */
function entries(value: string): string[] {
  return value.split(/[\s,]+/).map((e) => e.trim()).filter(Boolean);
}

export function parseMilters(value: string): { ok: true; milters: MilterChoice } | { ok: false; problem: Text } {
  const milters: MilterChoice = { opendkim: false, opendmarc: false, openarc: false };
  for (const entry of entries(value)) {
    const port = ENTRY.exec(entry)?.[1];
    const milter = port ? LAB_MILTER_PORTS[Number(port)] : undefined;
    if (!milter) return { ok: false, problem: t('postconf.unknownMilter', { entry, known: ALL_LAB_MILTERS }) };
    milters[milter] = true;
  }
  return { ok: true, milters };
}

export const checkMilters = (value: string): Text | null => {
  const parsed = parseMilters(value);
  return parsed.ok ? null : parsed.problem;
};

/** non_smtpd_milters on the sending MTA: only OpenDKIM, which signs what the sender submits. */
export const checkSigningMilters = (value: string): Text | null => {
  const parsed = parseMilters(value);
  if (!parsed.ok) return parsed.problem;
  return parsed.milters.opendmarc || parsed.milters.openarc ? t('postconf.signingMilterOnly') : null;
};

/** What the receiver checks with these filters: OpenDMARC validates SPF itself (its SPFSelfValidate). */
export function checksOf(milters: MilterChoice): { spf: boolean; dkim: boolean; dmarc: boolean; arc: boolean } {
  return { spf: milters.opendmarc, dkim: milters.opendkim, dmarc: milters.opendmarc, arc: milters.openarc };
}
