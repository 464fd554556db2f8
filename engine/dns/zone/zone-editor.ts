// The zone editor behind the UI and the API: add, replace or delete records, or switch a zone's
// mode; each change is checked, re-signed at once (SOA serial + 1) and written to the trace.
import type { DnsEmit } from '../resolver/dns-trace.ts';
import { LAB_NS } from './lab-zones.ts';
import { rrText } from '../wire/present.ts';
import { canonicalRdata, type Rr } from '../wire/records.ts';
import { checkRecordInput, ownerName, type RecordField, type RecordInput } from './record-input.ts';
import { ZONE_MODES, type ZoneMode } from './zone-data.ts';
import { english, text as t, told, type Text } from '../../../common/i18n/text.ts';
import type { ZoneSet } from './zone-set.ts';
import type { DnsDetail } from '../../../common/trace-details.ts';

export type ZoneChange =
  | ({ op: 'add' | 'replace'; zone?: string } & RecordInput)
  | { op: 'delete'; zone?: string; name: string; type: string; value?: string };

export type ZoneChangeResult =
  | ({ ok: true; zone: string; summary: string; summaryText: Text; serial: number; before: string[]; after: string[] } & ZoneChangeDone)
  | { ok: false; field: RecordField | 'zone' | 'mode'; message: string; messageText: Text; rule: string };

/** What changed, for a front end to say in its own words: a record set's edit, or a zone's mode. */
export type ZoneChangeDone = { change?: { name: string; type: string; record?: string }; mode?: { before: string; after: string } };

export class ZoneEditor {
  constructor(
    private readonly zones: ZoneSet,
    private readonly emit?: DnsEmit,
  ) {}

  /** The records a learner may edit, in presentation form. */
  list(origin: string): string[] {
    return (this.zones.zone(origin)?.records ?? []).map(rrText);
  }

  setMode(origin: string, mode: string): ZoneChangeResult {
    const zone = this.zones.zone(origin);
    if (!zone) return { ok: false, field: 'zone', ...told(t('zone.noZone', { zone: origin })), rule: 'RFC 1034 §4.2' };
    if (!ZONE_MODES.includes(mode as ZoneMode)) return { ok: false, field: 'mode', ...told(t('zone.unknownMode', { mode, modes: [...ZONE_MODES] })), rule: 'RFC 4035 §4.3' };
    const before = zone.mode;
    this.zones.setMode(zone.origin, mode as ZoneMode);
    const said = t('row.zoneMode', { zone: zone.origin, before, after: mode });
    const summary = english(said);
    this.trace(summary, { kind: 'zone-mode', zone: zone.origin, op: 'mode', before, after: mode, resigned: true, summaryText: said });
    return { ok: true, zone: zone.origin, summary, summaryText: said, serial: this.serial(zone.origin), before: [before], after: [mode], mode: { before, after: mode } };
  }

  apply(change: ZoneChange): ZoneChangeResult {
    const zone = change.zone ? this.zones.zone(change.zone) : this.zones.zoneFor(ownerName(change.name, '.'));
    if (!zone) return { ok: false, field: 'zone', ...told(t('zone.noZone', { zone: change.zone ?? change.name })), rule: 'RFC 1034 §4.2' };
    const origin = zone.origin;
    const type = change.type.trim().toUpperCase();
    let records = [...zone.records];
    let added: Rr | null = null;
    const name = ownerName(change.name, origin);
    if (change.op === 'delete') {
      let match: (rr: Rr) => boolean = (rr) => rr.name === name && rr.type === type;
      if (change.value !== undefined) {
        const parsed = checkRecordInput({ name: change.name, type, value: change.value }, origin);
        if (!parsed.ok) return parsed;
        const rdata = canonicalRdata(parsed.record);
        match = (rr) => rr.name === name && rr.type === type && canonicalRdata(rr).equals(rdata);
      }
      if (!records.some(match)) return { ok: false, field: 'name', ...told(change.value ? t('zone.noRecordValue', { type, name, value: change.value }) : t('zone.noRecord', { type, name })), rule: 'RFC 1034 §3.6' };
      if (type === 'SOA' || (type === 'NS' && name === origin)) return { ok: false, field: 'type', ...told(t('zone.apex', { type })), rule: 'RFC 1035 §5.2' };
      records = records.filter((rr) => !match(rr));
    } else {
      const parsed = checkRecordInput(change, origin);
      if (!parsed.ok) return parsed;
      added = parsed.record;
      const others = records.filter((rr) => rr.name === added!.name && rr.type !== added!.type);
      if ((added.type === 'CNAME' && others.length > 0) || (added.type !== 'CNAME' && others.some((rr) => rr.type === 'CNAME'))) {
        return { ok: false, field: 'type', ...told(t('zone.cnameAndOther', { name: added.name })), rule: 'RFC 1034 §3.6.2' };
      }
      if (change.op === 'replace') records = records.filter((rr) => !(rr.name === added!.name && rr.type === added!.type));
      // RFC 2181 §5.2: all records of an RRset share one TTL.
      records = records.map((rr) => (rr.name === added!.name && rr.type === added!.type ? { ...rr, ttl: added!.ttl } : rr));
      if (!records.some((rr) => rr.name === added!.name && rr.type === added!.type && canonicalRdata(rr).equals(canonicalRdata(added!)))) records.push(added);
    }
    const before = zone.records.filter((rr) => rr.name === name && rr.type === type).map(rrText);
    records = bumpSerial(records, origin);
    this.zones.setRecords(origin, records);
    const after = records.filter((rr) => rr.name === name && rr.type === type).map(rrText);
    const serial = this.serial(origin);
    const record = added ? rrText(added).split('\t').pop() : undefined;
    const said = changeSentence(origin, `${type} ${name}`, change.op, record, serial);
    const summary = english(said);
    this.trace(summary, { kind: 'zone-change', zone: origin, op: change.op, name, type, before, after, serial, ...(record !== undefined ? { record } : {}), resigned: true, summaryText: said });
    return { ok: true, zone: origin, summary, summaryText: said, serial, before, after, change: { name, type, ...(record !== undefined ? { record } : {}) } };
  }

  private serial(origin: string): number {
    const soa = this.zones.zone(origin)?.records.find((rr) => rr.type === 'SOA');
    return soa && soa.type === 'SOA' ? (soa.data.serial ?? 0) : 0;
  }

  private trace(summary: string, detail: Extract<DnsDetail, { kind: 'zone-mode' | 'zone-change' }>): void {
    // Every lab zone is served by ns.example.jp: the re-signed zone is a note on its lifeline. The
    // rule is the citation alone; the row's sentence says what changed and that the zone was re-signed.
    this.emit?.({ flow: 'zone', link: { from: LAB_NS, to: LAB_NS }, layer: 'dns', dir: 'none', summary, detail, visibility: 'plaintext', rule: 'RFC 4035 §2' });
  }
}

/** A change of an RRset as the trace says it, with the zone's new serial; the record data added stays as written. */
function changeSentence(zone: string, record: string, op: ZoneChange['op'], data: string | undefined, serial: number): Text {
  if (op === 'delete') return t('row.zoneDeleted', { zone, record, serial });
  return t(op === 'replace' ? 'row.zoneReplaced' : 'row.zoneAdded', { zone, record, data: data ?? '', serial });
}

function bumpSerial(records: Rr[], origin: string): Rr[] {
  return records.map((rr) => (rr.type === 'SOA' && rr.name === origin ? { ...rr, data: { ...rr.data, serial: ((rr.data.serial ?? 0) + 1) >>> 0 } } : rr));
}
