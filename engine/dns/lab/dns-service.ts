// The lab DNS behind the API: zones to show and edit, and lookups through the lab resolver on
// behalf of a client node (the learner's terminal tools by default), each lookup in the trace.
import { nodeText } from '../../../common/i18n/node-names.ts';
import { text, type Locale } from '../../../common/i18n/text.ts';
import type { DnsAnswer, DnsEdit, DnsEditResult, DnsZoneInfo } from '../../../common/dns.ts';
import type { LookupResult } from '../resolver/stub-resolver.ts';
import type { ZoneChangeResult } from '../zone/zone-editor.ts';
import { digText, resultJson } from './dig-format.ts';
import type { LabDns } from './lab-dns.ts';

export interface DnsQueryReply {
  answer: DnsAnswer;
  /** The dig-like text `labdig` prints. */
  text: string;
}

export interface DnsService {
  /** Loopback port of the authoritative server. */
  port: number;
  zones(): DnsZoneInfo[];
  edit(change: DnsEdit): DnsEditResult;
  setMode(zone: string, mode: string): DnsEditResult;
  /** locale: the language of the reply's text (labdig's); the answer's reason comes as a Text as well. */
  query(name: string, type: string, options: { validate: boolean; client?: string; locale?: Locale }): Promise<DnsQueryReply>;
}

export function dnsAnswer(result: LookupResult, validating: boolean): DnsAnswer {
  return {
    ...resultJson(result),
    cached: result.cached,
    validating,
  };
}

function editResult(result: ZoneChangeResult): DnsEditResult {
  return result.ok
    ? { ok: true, zone: result.zone, summary: result.summary, summaryText: result.summaryText, serial: result.serial, ...(result.change ? { change: result.change } : {}), ...(result.mode ? { mode: result.mode } : {}) }
    : { ok: false, field: result.field, message: result.message, messageText: result.messageText, rule: result.rule };
}

export function dnsService(dns: LabDns, defaultClient = 'terminal'): DnsService {
  return {
    port: dns.port,
    zones: () => dns.zones.origins().map((origin) => ({ origin, mode: dns.zones.zone(origin)!.mode, records: dns.editor.list(origin) })),
    edit: (change) => editResult(dns.editor.apply(change)),
    setMode: (zone, mode) => editResult(dns.editor.setMode(zone, mode)),
    async query(name, type, { validate, client = defaultClient, locale = 'en' }) {
      const resolver = dns.resolver(client, { validate });
      const result = await resolver.lookup(name, type);
      return { answer: dnsAnswer(result, validate), text: digText(result, text(validate ? 'dig.sourceValidating' : 'dig.sourceNotValidating', { client: nodeText(client) }), locale) };
    },
  };
}
