// The receiver's sender-authentication checks on one message, with mailauth (the library that
// implements them) doing the cryptography and the record parsing: DKIM (RFC 6376), SPF
// (RFC 7208), ARC (RFC 8617), then DMARC (RFC 7489) over the SPF and DKIM results, as
// mailauth's own authenticate() runs them. Which checks run is the receiver's milter list.
// mailauth is loaded with the first message checked, not when the lab starts.
import type { ArcCheck, AuthResultWord, DkimCheck, DmarcCheck, SpfCheck } from '../../../../common/auth.ts';
import type { MailauthResolver } from './mailauth-resolver.ts';

export interface AuthChecksOn {
  spf: boolean;
  dkim: boolean;
  dmarc: boolean;
  arc: boolean;
}

export interface AuthInput {
  /** The message as the client sent it (before this receiver's own header fields). */
  raw: Buffer;
  /** MAIL FROM address; empty for a null sender. */
  mailFrom: string;
  helo: string;
  /** The client's (lab) address. */
  clientIp: string;
  /** This receiver's host name (the authserv-id). */
  mta: string;
  /** The user the client authenticated as (SMTP AUTH on submission), or null. */
  authUser?: string | null;
}

export interface AuthFindings {
  spf: SpfCheck | null;
  dkim: DkimCheck[] | null;
  dmarc: DmarcCheck | null;
  arc: ArcCheck | null;
  /** The RFC 5322.From address(es) the library read. */
  headerFrom: string[];
}

type Status = { result?: string; comment?: string | false; header?: Record<string, unknown>; aligned?: string | false };
const WORDS: readonly AuthResultWord[] = ['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror', 'policy'];
const word = (value: unknown): AuthResultWord => (WORDS.includes(value as AuthResultWord) ? (value as AuthResultWord) : 'permerror');
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * mailauth (like Gmail) writes "neutral (body hash did not verify)" when the body changed. RFC 6376
 * §6.1.3 makes that a failed verification (PERMFAIL, "body hash did not verify") and RFC 8601
 * §2.7.1 calls a signature that failed verification "fail", so the receiver writes fail and keeps
 * the library's word beside it.
 */
export function dkimResultWord(libraryResult: AuthResultWord, comment: string): AuthResultWord {
  return libraryResult === 'neutral' && /body hash did not verify/i.test(comment) ? 'fail' : libraryResult;
}

function dkimFindings(results: unknown[]): DkimCheck[] {
  return results.flatMap((row) => {
    const r = row as { signingDomain?: string; selector?: string; status?: Status };
    // An unsigned message comes back as one "none" row without a signature: no signature, no result to list.
    if (!r.signingDomain) return [];
    const status = r.status ?? {};
    const library = word(status.result);
    const comment = str(status.comment);
    const result = dkimResultWord(library, comment);
    const check: DkimCheck = {
      result,
      domain: str(r.signingDomain),
      selector: str(r.selector),
      b: str(status.header?.b),
      comment,
      aligned: Boolean(status.aligned),
    };
    return [result === library ? check : { ...check, libraryResult: library }];
  });
}

function ruaOf(record: unknown): string[] {
  const rua = (record as { rua?: string } | undefined)?.rua;
  return rua ? rua.split(',').map((u) => u.trim()).filter(Boolean) : [];
}

export async function evaluateAuth(input: AuthInput, on: AuthChecksOn, resolver: MailauthResolver): Promise<AuthFindings> {
  const [{ arc: arcCheck }, { dkimVerify }, { dmarc: dmarcCheck }, { spf: spfCheck }] = await Promise.all([
    import('mailauth/lib/arc/index.js'),
    import('mailauth/lib/dkim/verify.js'),
    import('mailauth/lib/dmarc/index.js'),
    import('mailauth/lib/spf/index.js'),
  ]);
  const verified = (await dkimVerify(input.raw, { resolver: resolver as never, sender: input.mailFrom || undefined })) as unknown as {
    results?: unknown[];
    headerFrom?: string[];
    arc?: unknown;
  };
  const headerFrom = verified.headerFrom ?? [];
  const dkim = on.dkim ? dkimFindings(verified.results ?? []) : null;

  let spf: SpfCheck | null = null;
  if (on.spf) {
    const helo = input.helo || `[${input.clientIp}]`;
    const result = (await spfCheck({ sender: input.mailFrom || undefined, ip: input.clientIp, helo, mta: input.mta, resolver: resolver as never })) as unknown as {
      domain?: string;
      status?: Status & { smtp?: { mailfrom?: string; helo?: string } };
    };
    const status = result.status ?? {};
    spf = {
      result: word(status.result),
      domain: str(result.domain),
      mailFrom: str(status.smtp?.mailfrom) || input.mailFrom || `postmaster@${helo}`,
      clientIp: input.clientIp,
      comment: str(status.comment),
    };
  }

  let arc: ArcCheck | null = null;
  type ArcRaw = { status?: Status; i?: number | false };
  let arcRaw: ArcRaw | undefined;
  if (on.arc) {
    arcRaw = (await arcCheck(verified.arc as never, { resolver: resolver as never })) as unknown as ArcRaw;
    const chainValue = (arcRaw as { chain?: { 'arc-seal'?: { parsed?: { d?: { value?: string } } }; 'arc-authentication-results'?: { original?: Buffer | string } }[] }).chain;
    // mailauth gives false instead of a list when the message has no ARC set.
    const chain = Array.isArray(chainValue) ? chainValue : [];
    const first = chain[0]?.['arc-authentication-results']?.original;
    arc = {
      result: word(arcRaw?.status?.result),
      instances: typeof arcRaw?.i === 'number' ? arcRaw.i : chain.length,
      sealer: chain.at(-1)?.['arc-seal']?.parsed?.d?.value ?? null,
      firstResults: first ? first.toString().replace(/^[^:]*:\s*/, '').replace(/\r?\n[ \t]+/g, ' ').trim() : null,
      comment: str(arcRaw?.status?.comment),
    };
  }

  let dmarc: DmarcCheck | null = null;
  if (on.dmarc && headerFrom.length > 0) {
    const fromDomain = (headerFrom[0].split('@').pop() ?? '').toLowerCase();
    // DMARC counts only what passed (RFC 7489 §4.2), and only the checks this receiver ran.
    // mailauth does not say where it found the record (the From domain or its Organizational
    // Domain); the aggregate report names that domain, so the lookups are watched.
    const found = new Map<string, string[]>();
    const watching: MailauthResolver = async (name, type) => {
      const answer = await resolver(name, type);
      if (/^_dmarc\./i.test(name) && type.toUpperCase() === 'TXT') found.set(name.slice('_dmarc.'.length).toLowerCase(), answer.map((r) => (Array.isArray(r) ? r.join('') : String(r)).trim()));
      return answer;
    };
    const result = (await dmarcCheck({
      headerFrom,
      spfDomains: spf?.result === 'pass' ? [spf.domain] : [],
      dkimDomains: (dkim ?? []).filter((d) => d.result === 'pass').map((d) => ({ domain: d.domain, aligned: d.aligned })),
      arcResult: arcRaw,
      resolver: watching as never,
    } as never)) as unknown as false | { status?: Status; policy?: string; p?: string; rr?: string; alignment?: { spf?: { result?: string | false }; dkim?: { result?: string | false } } };
    if (result) {
      const policy = result.policy === 'none' || result.policy === 'quarantine' || result.policy === 'reject' ? result.policy : null;
      dmarc = {
        result: headerFrom.length > 1 ? 'permerror' : word(result.status?.result),
        fromDomain,
        policy,
        alignedSpf: result.alignment?.spf?.result || null,
        alignedDkim: result.alignment?.dkim?.result || null,
        rua: ruaOf(recordTags(result.rr)),
        comment: str(result.status?.comment),
        ...(result.rr ? { record: result.rr, policyDomain: [...found].find(([, records]) => records.includes(result.rr!))?.[0] ?? fromDomain } : {}),
      };
    } else {
      // mailauth gives up on a From with several addresses; RFC 7489 §6.6.1 lets the receiver reject such a message.
      dmarc = { result: 'permerror', fromDomain, policy: null, alignedSpf: null, alignedDkim: null, rua: [], comment: 'several RFC5322.From addresses' };
    }
  }
  return { spf, dkim, dmarc, arc, headerFrom };
}

/** The tags of a DMARC record's text, e.g. { v: 'DMARC1', p: 'reject', rua: 'mailto:...' }. */
export function recordTags(record: string | undefined): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const part of (record ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) tags[part.slice(0, eq).trim().toLowerCase()] = part.slice(eq + 1).trim();
  }
  return tags;
}
