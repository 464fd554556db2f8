// What the checker's probes saw, as plain data: the input of the verdicts (items/*.ts), which
// decide nothing about sockets. The probing adapter (probe/gather-facts.ts) fills it in.
import type { Text } from '../../common/i18n/text.ts';
import type { LookupStatus } from '../dns/resolver/stub-resolver.ts';
import type { MxPlan } from '../nodes/sender/mta/mx-hosts.ts';
import type { MtaStsFetchResult } from '../nodes/sender/mta-sts-fetch.ts';
import type { TlsaRecord } from '../policy/dane/tlsa-record.ts';
import type { TlsVersionName } from './tls-classes.ts';

/** One lookup through the checker's validating resolver. */
export interface DnsFact {
  name: string;
  type: string;
  status: LookupStatus;
  rcode: string;
  /** The answer in presentation form, one record a line. */
  records: string[];
  reason: string;
  reasonText?: Text;
  /** The zone whose key decided (signed answers). */
  zone?: string;
}

export interface HandshakeFact {
  ok: boolean;
  version?: string;
  cipher?: string;
  /** The chain chained to the checker's trust store and named the host (OpenSSL's verdict). */
  authorized?: boolean;
  authorizationError?: string;
  error?: string;
  errorText?: Text;
}

export interface VersionProbe {
  version: TlsVersionName;
  accepted: boolean;
  /** The suite the server chose when it accepted. */
  cipher?: string;
  error?: string;
}

export interface MxFacts {
  host: string;
  preference: number;
  address: DnsFact;
  /** The address the A lookup gave, if any. */
  ip?: string;
  /** What stopped the probes before a greeting, e.g. "nothing answers at 192.0.2.99 port 25". */
  unreachable?: string;
  unreachableText?: Text;
  starttlsOffered: boolean;
  /** The EHLO reply's keywords before TLS. */
  ehlo: string[];
  /** A handshake with the server's own preferences, trusting the lab's root CA like any lab client. */
  handshake?: HandshakeFact;
  /** The certificates exactly as the server sent them, leaf first, DER (from a connection that trusts no CA). */
  presentedChain: Uint8Array[];
  versions: VersionProbe[];
  /** Every suite the server accepted, per version (found by offering all and removing each one chosen). */
  ciphers: { version: TlsVersionName; cipher: string }[];
  tlsa: DnsFact & { parsed: TlsaRecord[] };
}

export interface CheckerFacts {
  domain: string;
  /** Milliseconds since the epoch, for certificate dates. */
  now: number;
  mx: DnsFact;
  plan: MxPlan;
  hosts: MxFacts[];
  mtaSts: { txt: DnsFact; texts: string[][]; fetch?: MtaStsFetchResult };
  tlsRpt: { txt: DnsFact; texts: string[][] };
  /** SPF, DKIM, DMARC and BIMI records (probe/auth-facts.ts); absent in facts made before they were looked up. */
  senderAuth?: SenderAuthFacts;
}

/** The domain's sender-authentication records. */
export interface SenderAuthFacts {
  /** The TXT RRset at the domain and its v=spf1 records; `unlisted`: mailauth's SPF result for an address the record does not list. */
  spf: { txt: DnsFact; records: string[]; unlisted: { result: string; comment: string } | null };
  /** `_domainkey.<domain>`: NOERROR (an empty non-terminal above the selectors) or NXDOMAIN (RFC 8020: nothing below). */
  domainkey: DnsFact;
  dmarc: { txt: DnsFact; records: string[] };
  bimi: { txt: DnsFact; records: string[] };
}
