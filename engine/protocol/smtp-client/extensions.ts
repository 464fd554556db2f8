// The EHLO reply's service extensions (RFC 5321 §4.1.1.1): the first line greets, each further
// line is "keyword [params]". Keywords are case-insensitive.

export interface EhloExtensions {
  /** The greeting line's domain, e.g. "mx.example.jp". */
  serverName: string;
  starttls: boolean;
  /** RFC 1870: the announced limit; 0 means no fixed limit; absent when SIZE is not offered. */
  size?: number;
  pipelining: boolean;
  eightBitMime: boolean;
  smtpUtf8: boolean;
  requireTls: boolean;
  enhancedStatusCodes: boolean;
  /** RFC 4954 mechanisms, upper case. */
  auth: string[];
  /** Every keyword as offered, upper case. */
  keywords: string[];
}

export function noExtensions(serverName = ''): EhloExtensions {
  return { serverName, starttls: false, pipelining: false, eightBitMime: false, smtpUtf8: false, requireTls: false, enhancedStatusCodes: false, auth: [], keywords: [] };
}

export function parseEhloLines(lines: readonly string[]): EhloExtensions {
  const ext = noExtensions((lines[0] ?? '').split(' ')[0]);
  for (const line of lines.slice(1)) {
    const [word, ...params] = line.trim().split(/\s+/);
    if (!word) continue;
    const keyword = word.toUpperCase();
    ext.keywords.push(keyword);
    switch (keyword) {
      case 'STARTTLS': ext.starttls = true; break;
      case 'PIPELINING': ext.pipelining = true; break;
      case '8BITMIME': ext.eightBitMime = true; break;
      case 'SMTPUTF8': ext.smtpUtf8 = true; break;
      case 'REQUIRETLS': ext.requireTls = true; break;
      case 'ENHANCEDSTATUSCODES': ext.enhancedStatusCodes = true; break;
      case 'SIZE': {
        const n = params[0] === undefined ? 0 : Number(params[0]);
        ext.size = Number.isSafeInteger(n) && n >= 0 ? n : 0;
        break;
      }
      case 'AUTH': ext.auth.push(...params.map((p) => p.toUpperCase())); break;
    }
  }
  return ext;
}
