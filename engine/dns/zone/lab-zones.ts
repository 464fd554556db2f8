// The lab's zones as data: a lab root, jp., example.jp. (the receiver's domain), the sender's
// domain and the attacker's. Addresses are documentation-range labels (RFC 5737), never dialed.
import type { TlsaData } from 'dns-packet';
import type { Rr } from '../wire/records.ts';
import type { ZoneData, ZoneMode } from './zone-data.ts';

export const LAB_ADDRESSES = {
  'ns.example.jp': '192.0.2.53',
  'mx.example.jp': '192.0.2.25',
  'mta-sts.example.jp': '192.0.2.80',
  'tlsrpt.example.jp': '192.0.2.81',
  'mail.sender.example': '198.51.100.25',
  'attacker.example': '203.0.113.66',
  'mail.attacker.example': '203.0.113.66',
} as const;

/** The host name of the lab's authoritative server, as it appears in NS records and the trace. */
export const LAB_NS = 'ns.example.jp';

export const DEFAULT_MODES: Record<string, ZoneMode> = {
  '.': 'signed',
  jp: 'signed',
  'example.jp': 'signed',
  'sender.example': 'signed',
  'attacker.example': 'unsigned',
};

const DATA_TTL = 300;
const INFRA_TTL = 3600;
/** SOA serial of freshly built zones; edits count up from here. */
export const INITIAL_SERIAL = 2026010101;

export interface LabZoneOptions {
  /** `_25._tcp.mx.example.jp` TLSA from the lab PKI (usually 3 1 1 of the mx certificate's SPKI). */
  tlsa?: TlsaData;
  modes?: Partial<Record<string, ZoneMode>>;
  /** The value of `id=` in `_mta-sts.example.jp` (RFC 8461 §3.1). */
  mtaStsId?: string;
  /** The sender's DKIM key record, e.g. { name: 'tlsrpt._domainkey.sender.example', txt: 'v=DKIM1; k=rsa; p=...' }. */
  dkim?: { name: string; txt: string } | { name: string; txt: string }[];
}

function soa(origin: string): Rr {
  const base = origin === '.' ? '' : `.${origin}`;
  return {
    name: origin,
    type: 'SOA',
    ttl: INFRA_TTL,
    class: 'IN',
    data: { mname: LAB_NS, rname: `hostmaster${base || '.example.jp'}`, serial: INITIAL_SERIAL, refresh: 3600, retry: 600, expire: 604800, minimum: DATA_TTL },
  };
}

const ns = (name: string): Rr => ({ name, type: 'NS', ttl: INFRA_TTL, class: 'IN', data: LAB_NS });
const a = (name: string, address: string, ttl = DATA_TTL): Rr => ({ name, type: 'A', ttl, class: 'IN', data: address });
const txt = (name: string, text: string): Rr => ({ name, type: 'TXT', ttl: DATA_TTL, class: 'IN', data: [Buffer.from(text)] });
/** A TXT value longer than one character-string is split into 255-octet strings (RFC 1035 §3.3.14). */
const txtStrings = (text: string): Buffer[] => (text.match(/.{1,255}/g) ?? ['']).map((part) => Buffer.from(part));
const mx = (name: string, preference: number, exchange: string): Rr => ({ name, type: 'MX', ttl: DATA_TTL, class: 'IN', data: { preference, exchange } });

export function labZones(options: LabZoneOptions = {}): ZoneData[] {
  const modes = { ...DEFAULT_MODES, ...options.modes } as Record<string, ZoneMode>;
  const nsGlue = a(LAB_NS, LAB_ADDRESSES['ns.example.jp'], INFRA_TTL);
  const root: Rr[] = [soa('.'), ns('.'), ns('jp'), ns('sender.example'), ns('attacker.example'), nsGlue];
  const jp: Rr[] = [soa('jp'), ns('jp'), ns('example.jp'), nsGlue];
  const exampleJp: Rr[] = [
    soa('example.jp'),
    ns('example.jp'),
    mx('example.jp', 10, 'mx.example.jp'),
    txt('example.jp', 'v=spf1 mx -all'),
    nsGlue,
    a('mx.example.jp', LAB_ADDRESSES['mx.example.jp']),
    a('mta-sts.example.jp', LAB_ADDRESSES['mta-sts.example.jp']),
    a('tlsrpt.example.jp', LAB_ADDRESSES['tlsrpt.example.jp']),
    txt('_mta-sts.example.jp', `v=STSv1; id=${options.mtaStsId ?? '20260101000000'}`),
    txt('_smtp._tls.example.jp', 'v=TLSRPTv1; rua=mailto:tlsrpt@example.jp,https://tlsrpt.example.jp/v1/report'),
    txt('_dmarc.example.jp', 'v=DMARC1; p=reject; rua=mailto:dmarc@example.jp'),
    // example.jp accepts sender.example's DMARC aggregate reports in its mailbox (RFC 7489 §7.1).
    txt('sender.example._report._dmarc.example.jp', 'v=DMARC1'),
  ];
  if (options.tlsa) exampleJp.push({ name: '_25._tcp.mx.example.jp', type: 'TLSA', ttl: DATA_TTL, class: 'IN', data: options.tlsa });
  const sender: Rr[] = [
    soa('sender.example'),
    ns('sender.example'),
    mx('sender.example', 10, 'mail.sender.example'),
    txt('sender.example', 'v=spf1 ip4:198.51.100.25 -all'),
    a('mail.sender.example', LAB_ADDRESSES['mail.sender.example']),
    // Reports go to a mailbox at example.jp, the one mail domain of the lab with a receiving MTA.
    txt('_dmarc.sender.example', 'v=DMARC1; p=none; rua=mailto:dmarc-reports@example.jp'),
  ];
  // Each key record goes into the zone of its domain (sender.example's keys, example.jp's submission key).
  for (const key of [options.dkim ?? []].flat()) (key.name.endsWith('.example.jp') ? exampleJp : sender).push({ name: key.name, type: 'TXT', ttl: DATA_TTL, class: 'IN', data: txtStrings(key.txt) });
  const attacker: Rr[] = [
    soa('attacker.example'),
    ns('attacker.example'),
    a('attacker.example', LAB_ADDRESSES['attacker.example']),
    mx('attacker.example', 10, 'mail.attacker.example'),
    a('mail.attacker.example', LAB_ADDRESSES['mail.attacker.example']),
    txt('attacker.example', 'v=spf1 ip4:203.0.113.66 -all'),
  ];
  const data: [string, Rr[]][] = [['.', root], ['jp', jp], ['example.jp', exampleJp], ['sender.example', sender], ['attacker.example', attacker]];
  return data.map(([origin, records]) => ({ origin, mode: modes[origin] ?? 'signed', records }));
}
