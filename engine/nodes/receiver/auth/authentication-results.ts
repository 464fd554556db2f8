// The Authentication-Results header field (RFC 8601) the receiver prepends: its authserv-id,
// then one resinfo per method with the properties RFC 8601 §2.7 registers (smtp.mailfrom,
// header.d, header.s, header.b (RFC 6008), header.from), folded one method per line as
// OpenDKIM, OpenDMARC and mailauth write them.
import type { ArcCheck, DkimCheck, DmarcCheck, SpfCheck } from '../../../../common/auth.ts';

export interface AuthenticationResultsInput {
  authservId: string;
  spf: SpfCheck | null;
  dkim: DkimCheck[] | null;
  dmarc: DmarcCheck | null;
  arc: ArcCheck | null;
}

// RFC 5322 §3.2.2: a comment may not hold unescaped parentheses or backslashes.
const comment = (textValue: string) => (textValue ? ` (${textValue.replace(/[\r\n\t]+/g, ' ').replace(/([()\\])/g, '\\$1')})` : '');
// RFC 8601 §2.2 pvalue: a value, or a quoted string when it holds specials.
const pvalue = (value: string) => (/^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.@]+$/.test(value) ? value : `"${value.replace(/(["\\])/g, '\\$1')}"`);

export function authenticationResults(input: AuthenticationResultsInput): string {
  const parts: string[] = [];
  if (input.spf) parts.push(`spf=${input.spf.result}${comment(input.spf.comment)} smtp.mailfrom=${pvalue(input.spf.mailFrom)}`);
  if (input.dkim) {
    if (input.dkim.length === 0) parts.push('dkim=none');
    for (const d of input.dkim) {
      const why = d.libraryResult ? `${d.comment}; mailauth: ${d.libraryResult}` : d.comment;
      parts.push(`dkim=${d.result}${comment(why)} header.d=${pvalue(d.domain)} header.s=${pvalue(d.selector)}${d.b ? ` header.b=${pvalue(d.b)}` : ''}`);
    }
  }
  if (input.arc) parts.push(`arc=${input.arc.result}${comment(input.arc.comment)}`);
  if (input.dmarc) parts.push(`dmarc=${input.dmarc.result}${comment(input.dmarc.comment)} header.from=${pvalue(input.dmarc.fromDomain)}`);
  // RFC 8601 §2.2: "none" when no method was applied.
  const body = parts.length > 0 ? parts.join(';\r\n\t') : 'none';
  return `Authentication-Results: ${input.authservId};\r\n\t${body}`;
}
