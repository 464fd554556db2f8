// RFC 8461 §3.2: the policy served at https://mta-sts.<domain>/.well-known/mta-sts.txt.
// Strict to the ABNF (RFC 7405 %s: names and values are case-sensitive):
//   sts-policy-record      = sts-policy-field *WSP *(sts-policy-term sts-policy-field *WSP) [sts-policy-term]
//   sts-policy-term        = LF / CRLF
//   sts-policy-field-delim = ":" *WSP
//   version STSv1 · mode testing|enforce|none · max_age 1*10DIGIT · mx ["*."] Domain
import { english, told, text as sentence, type Text } from '../../../common/i18n/text.ts';
import { domainProblemText } from '../dns-name.ts';
import { charText } from '../record-fields.ts';

export const STS_POLICY_RULE = 'RFC 8461 §3.2';
/** The prose maximum of max_age (one year). Larger values are valid syntax and capped (erratum 7282). */
export const MAX_AGE_CAP = 31557600;

export type StsMode = 'enforce' | 'testing' | 'none';

export interface MtaStsPolicy {
  version: 'STSv1';
  mode: StsMode;
  /** Seconds, capped at MAX_AGE_CAP. */
  maxAge: number;
  /** The max_age as written, when it was over the cap. */
  maxAgeDeclared?: number;
  /** mx patterns in file order, lower case. */
  mx: string[];
  /** Unknown fields, first occurrence of each. */
  extensions: Record<string, string>;
  /** The lines of the file without terminators: the "policy-string" of a TLS-RPT report (RFC 8460 §4.4). */
  lines: string[];
  /** What was ignored and why, for the trace. */
  notes: string[];
  /** The notes as catalogue Texts, in the same order. */
  noteTexts?: Text[];
}

export interface PolicyError {
  /** 1-based line number; absent for errors about the file as a whole (a missing field). */
  line?: number;
  production: string;
  message: string;
  /** The message as a catalogue Text, rendered in the reader's language. */
  messageText?: Text;
  rule: string;
}

export type PolicyParseResult = { ok: true; policy: MtaStsPolicy } | { ok: false; errors: PolicyError[] };

const KNOWN = ['version', 'mode', 'max_age', 'mx'] as const;
type KnownName = (typeof KNOWN)[number];
const FIELD = /^([^:]*):[ \t]*(.*?)[ \t]*$/s;
const EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const EXT_VALUE = /^[^\x00-\x20\x7f](?:[^\x00-\x1f\x7f]*[^\x00-\x20\x7f])?$/u;

export function parseStsPolicy(text: string): PolicyParseResult {
  const errors: PolicyError[] = [];
  const fail = (line: number | undefined, production: string, message: Text) =>
    errors.push({ ...(line === undefined ? {} : { line }), production, ...told(message), rule: STS_POLICY_RULE });

  const lines = splitTerminators(text);
  const seen = new Map<KnownName, number>();
  const values: Partial<Record<'version' | 'mode' | 'max_age', string>> = {};
  const mx: string[] = [];
  const extensions: Record<string, string> = {};
  const noteTexts: Text[] = [];
  const note = (value: Text) => noteTexts.push(value);

  lines.forEach((line, index) => {
    const n = index + 1;
    if (line.length === 0) {
      fail(n, 'sts-policy-record', sentence('stsPolicy.emptyLine'));
      return;
    }
    if (/^[ \t]/.test(line)) {
      fail(n, 'sts-policy-field', sentence('stsPolicy.leadingSpace'));
      return;
    }
    const control = /[\x00-\x08\x0a-\x1f\x7f]/.exec(line);
    if (control) {
      fail(n, 'sts-policy-record', control[0] === '\r' ? sentence('stsPolicy.bareCr') : sentence('stsPolicy.control', { char: charText(control[0]) }));
      return;
    }
    const field = FIELD.exec(line);
    if (!field) {
      fail(n, 'sts-policy-field-delim', sentence('stsPolicy.noColon', { line: clip(line) }));
      return;
    }
    const [, name, value] = field;
    if (!EXT_NAME.test(name)) {
      fail(n, 'sts-policy-ext-name', sentence(name.startsWith('\ufeff') ? 'stsPolicy.badNameBom' : 'stsPolicy.badName', { name: clip(name) }));
      return;
    }
    if (!(KNOWN as readonly string[]).includes(name)) {
      if (!EXT_VALUE.test(value)) {
        fail(n, 'sts-policy-ext-value', sentence('stsPolicy.extValue', { name }));
        return;
      }
      const variant = KNOWN.find((k) => k === name.toLowerCase());
      if (variant) note(sentence('stsPolicy.noteCase', { line: n, name, known: variant }));
      else note(sentence('stsPolicy.noteUnknown', { line: n, name, rule: STS_POLICY_RULE }));
      if (!(name in extensions)) extensions[name] = value;
      return;
    }
    const known = name as KnownName;
    const problem = valueProblem(known, value);
    if (problem) {
      fail(n, problem.production, problem.message);
      return;
    }
    if (known === 'mx') {
      mx.push(value.toLowerCase());
      return;
    }
    const first = seen.get(known);
    if (first !== undefined) {
      note(sentence('stsPolicy.noteSecond', { line: n, name: known, first, rule: STS_POLICY_RULE }));
      return;
    }
    seen.set(known, n);
    values[known] = value;
  });

  for (const required of ['version', 'mode', 'max_age'] as const) {
    if (values[required] === undefined && !errors.some((e) => e.production === `sts-policy-${productionName(required)}-value`)) {
      fail(undefined, `sts-policy-${productionName(required)}`, sentence('stsPolicy.missing', { name: required }));
    }
  }
  if (values.mode !== undefined && values.mode !== 'none' && mx.length === 0 && !errors.some((e) => e.production === 'sts-policy-mx-value')) {
    fail(undefined, 'sts-policy-mx', sentence('stsPolicy.needsMx', { mode: values.mode }));
  }
  if (errors.length > 0) return { ok: false, errors };

  const declared = Number(values.max_age);
  const maxAge = Math.min(declared, MAX_AGE_CAP);
  if (declared > MAX_AGE_CAP) note(sentence('stsPolicy.noteCapped', { declared, cap: MAX_AGE_CAP, rule: STS_POLICY_RULE }));
  return {
    ok: true,
    policy: {
      version: 'STSv1',
      mode: values.mode as StsMode,
      maxAge,
      ...(declared > MAX_AGE_CAP ? { maxAgeDeclared: declared } : {}),
      mx,
      extensions,
      lines,
      notes: noteTexts.map(english),
      noteTexts,
    },
  };
}

function valueProblem(name: KnownName, value: string): { production: string; message: Text } | null {
  const production = `sts-policy-${productionName(name)}-value`;
  switch (name) {
    case 'version':
      return value === 'STSv1' ? null : { production, message: sentence('stsPolicy.version', { value }) };
    case 'mode':
      return value === 'enforce' || value === 'testing' || value === 'none'
        ? null
        : { production, message: sentence('stsPolicy.mode', { value }) };
    case 'max_age':
      if (/^[0-9]{1,10}$/.test(value)) return null;
      if (/^[0-9]+$/.test(value)) return { production, message: sentence('stsPolicy.maxAgeDigits', { value, count: value.length }) };
      return { production, message: sentence('stsPolicy.maxAgeNotNumber', { value }) };
    case 'mx': {
      const domain = value.startsWith('*.') ? value.slice(2) : value;
      if (domain.includes('*')) {
        return { production, message: sentence('stsPolicy.mxWildcard', { value }) };
      }
      const problem = domainProblemText(domain);
      return problem ? { production, message: sentence('stsPolicy.mxName', { value, problem }) } : null;
    }
  }
}

function productionName(name: KnownName): string {
  return name === 'max_age' ? 'max-age' : name;
}

/** Lines split on LF or CRLF; one final terminator is allowed and not a line of its own. */
function splitTerminators(text: string): string[] {
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}
