// The mail checker's report, in the spirit of internet.nl's mail test: shared by the engine, the
// CLI (`smtp-lab checker DOMAIN --json`) and the renderer's Checker tab.
import type { Text } from './i18n/text.ts';

/** The items, in the order they are shown. Sender-authentication items come later. */
export const CHECKER_ITEM_IDS = ['starttls', 'tls-version', 'ciphers', 'certificate', 'dnssec', 'dane', 'mta-sts', 'tls-rpt', 'spf', 'dkim', 'dmarc', 'arc', 'bimi'] as const;
export type CheckerItemId = (typeof CHECKER_ITEM_IDS)[number];

/** The guided labs (labs/NN-name/) an item points to. */
export const CHECKER_LABS = [
  '01-smtp-by-hand',
  '02-eavesdropping',
  '03-starttls',
  '04-starttls-stripping',
  '05-tls-downgrade',
  '06-mta-sts',
  '07-mta-sts-limits',
  '08-dnssec',
  '09-dane',
  '10-requiretls',
  '11-summary',
  '12-spf',
  '13-dkim',
  '14-dmarc',
  '15-arc',
] as const;
export type CheckerLab = (typeof CHECKER_LABS)[number];

/** What to change, in the learner's language, with the main.cf or zone lines to write. */
export interface CheckerFix {
  en: string;
  ja: string;
  /** main.cf settings or zone records, written as they would be typed. */
  lines: string[];
}

export interface CheckerItem {
  id: CheckerItemId;
  pass: boolean;
  /** One line: what was found (English). */
  detail: string;
  /** The same as a catalogue Text, rendered in the reader's language. */
  detailText?: Text;
  /** The guided lab that teaches it. */
  lab: CheckerLab;
  /** What the checker saw, one fact a line (records, versions, ciphers, certificate fields). */
  evidence: string[];
  /** The evidence lines as Texts (or verbatim data), line for line. */
  evidenceText?: (Text | string)[];
  /** Remarks that do not change the verdict (e.g. no DANE rollover scheme). */
  notes: string[];
  notesText?: Text[];
  /** Absent when the item passes. */
  fix?: CheckerFix;
  /** Information only (arc, bimi): shown, never failed, not counted in the score. */
  info?: boolean;
}

export interface CheckerReport {
  domain: string;
  /** 0-100: the share of items that pass. */
  score: number;
  items: CheckerItem[];
  /** The MX hosts tested, in preference order. */
  mx: string[];
  /** ISO 8601 start of the run and its duration. */
  startedAt: string;
  durationMs: number;
}

/** The outcome of one run: the report, or why there is none (a malformed domain...). */
export type CheckerRunResult = { ok: true; report: CheckerReport } | { ok: false; domain: string; message: string; messageText?: Text };
