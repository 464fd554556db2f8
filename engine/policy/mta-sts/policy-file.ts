// RFC 8461 §3.2: the policy served at https://mta-sts.<domain>/.well-known/mta-sts.txt.
// Strict to the ABNF (RFC 7405 %s: names and values are case-sensitive):
//   sts-policy-record      = sts-policy-field *WSP *(sts-policy-term sts-policy-field *WSP) [sts-policy-term]
//   sts-policy-term        = LF / CRLF
//   sts-policy-field-delim = ":" *WSP
//   version STSv1 · mode testing|enforce|none · max_age 1*10DIGIT · mx ["*."] Domain
import { domainProblem } from '../dns-name.ts';
import { describeChar } from '../record-fields.ts';

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
}

export interface PolicyError {
  /** 1-based line number; absent for errors about the file as a whole (a missing field). */
  line?: number;
  production: string;
  message: string;
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
  const fail = (line: number | undefined, production: string, message: string) =>
    errors.push({ ...(line === undefined ? {} : { line }), production, message, rule: STS_POLICY_RULE });

  const lines = splitTerminators(text);
  const seen = new Map<KnownName, number>();
  const values: Partial<Record<'version' | 'mode' | 'max_age', string>> = {};
  const mx: string[] = [];
  const extensions: Record<string, string> = {};
  const notes: string[] = [];

  lines.forEach((line, index) => {
    const n = index + 1;
    if (line.length === 0) {
      fail(n, 'sts-policy-record', 'an empty line: every line must hold a field (only one line terminator may end the file)');
      return;
    }
    if (/^[ \t]/.test(line)) {
      fail(n, 'sts-policy-field', 'the line starts with white space; a field name must start the line');
      return;
    }
    const control = /[\x00-\x08\x0a-\x1f\x7f]/.exec(line);
    if (control) {
      const what = control[0] === '\r' ? 'a bare CR (lines end with LF or CRLF only)' : describeChar(control[0]);
      fail(n, 'sts-policy-record', `the line contains ${what}`);
      return;
    }
    const field = FIELD.exec(line);
    if (!field) {
      fail(n, 'sts-policy-field-delim', `no ":" after the field name in "${clip(line)}"`);
      return;
    }
    const [, name, value] = field;
    if (!EXT_NAME.test(name)) {
      const why = name.startsWith('\ufeff') ? ' (the file starts with a byte order mark)' : '';
      fail(n, 'sts-policy-ext-name', `"${clip(name)}" is not a field name: a letter or digit, then up to 31 letters, digits, "_", "-", "."${why}`);
      return;
    }
    if (!(KNOWN as readonly string[]).includes(name)) {
      if (!EXT_VALUE.test(value)) {
        fail(n, 'sts-policy-ext-value', `the value of "${name}" must be visible characters (inner spaces allowed), not empty`);
        return;
      }
      const variant = KNOWN.find((k) => k === name.toLowerCase());
      if (variant) notes.push(`line ${n}: "${name}" is not "${variant}" (field names are case-sensitive), so it is an unknown field and ignored`);
      else notes.push(`line ${n}: unknown field "${name}" ignored (${STS_POLICY_RULE})`);
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
      notes.push(`line ${n}: a second "${known}" is ignored; the first, on line ${first}, applies (${STS_POLICY_RULE})`);
      return;
    }
    seen.set(known, n);
    values[known] = value;
  });

  for (const required of ['version', 'mode', 'max_age'] as const) {
    if (values[required] === undefined && !errors.some((e) => e.production === `sts-policy-${productionName(required)}-value`)) {
      fail(undefined, `sts-policy-${productionName(required)}`, `the policy has no "${required}" field; it is required`);
    }
  }
  if (values.mode !== undefined && values.mode !== 'none' && mx.length === 0 && !errors.some((e) => e.production === 'sts-policy-mx-value')) {
    fail(undefined, 'sts-policy-mx', `mode ${values.mode} needs at least one "mx" field (only mode none may have none)`);
  }
  if (errors.length > 0) return { ok: false, errors };

  const declared = Number(values.max_age);
  const maxAge = Math.min(declared, MAX_AGE_CAP);
  if (declared > MAX_AGE_CAP) notes.push(`max_age ${declared} is over the maximum of ${MAX_AGE_CAP} seconds; capped (${STS_POLICY_RULE})`);
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
      notes,
    },
  };
}

function valueProblem(name: KnownName, value: string): { production: string; message: string } | null {
  const production = `sts-policy-${productionName(name)}-value`;
  switch (name) {
    case 'version':
      return value === 'STSv1' ? null : { production, message: `version "${value}" is not "STSv1" (case-sensitive)` };
    case 'mode':
      return value === 'enforce' || value === 'testing' || value === 'none'
        ? null
        : { production, message: `mode "${value}" is not one of "enforce", "testing", "none" (case-sensitive)` };
    case 'max_age':
      if (/^[0-9]{1,10}$/.test(value)) return null;
      if (/^[0-9]+$/.test(value)) return { production, message: `max_age "${value}" has ${value.length} digits; at most 10 are allowed` };
      return { production, message: `max_age "${value}" is not a number of seconds (1 to 10 digits)` };
    case 'mx': {
      const domain = value.startsWith('*.') ? value.slice(2) : value;
      if (domain.includes('*')) {
        return { production, message: `mx "${value}": "*" may only be the whole left-most label, as in "*.example.com"` };
      }
      const problem = domainProblem(domain);
      return problem ? { production, message: `mx "${value}": ${problem}` } : null;
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
