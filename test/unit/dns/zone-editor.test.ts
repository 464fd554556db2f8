// The zone editor: refusals name the field and rule; accepted changes re-sign at once and show in the trace.
import { describe, expect, it } from 'vitest';
import { ZoneEditor } from '../../../engine/dns/zone/zone-editor.ts';
import type { DnsTraceInput } from '../../../engine/dns/resolver/dns-trace.ts';
import { harness } from './lab-zones.ts';

function setup() {
  const h = harness();
  const events: DnsTraceInput[] = [];
  return { h, events, editor: new ZoneEditor(h.zones, (e) => events.push(e)) };
}

describe('zone editor', () => {
  const refusals: [Record<string, string>, string, RegExp][] = [
    [{ name: 'big', type: 'TXT', value: 'x'.repeat(256) }, 'text', /256 octets.*at most 255/],
    [{ name: '_25._tcp.mx', type: 'TLSA', value: '3 1 1 abc' }, 'data', /odd number/],
    [{ name: '_25._tcp.mx', type: 'TLSA', value: '3 1 1 zz' }, 'data', /not a hex digit/],
    [{ name: '_25._tcp.mx', type: 'TLSA', value: '3 1 1 abcd' }, 'data', /must be 32 octets/],
    [{ name: '_25._tcp.mx', type: 'TLSA', value: `3 1 2 ${'ab'.repeat(32)}` }, 'data', /must be 64 octets/],
    [{ name: '@', type: 'MX', value: '10' }, 'exchange', /MX without a host/],
    [{ name: 'www', type: 'A', value: '192.0.2.300' }, 'address', /not an IPv4 address/],
    [{ name: 'www', type: 'BOGUS', value: 'x' }, 'type', /unknown or unsupported type/],
    [{ name: 'www', type: 'RRSIG', value: 'x' }, 'type', /made by the lab's signer/],
    [{ name: 'www', type: 'A', value: '192.0.2.1', ttl: '-5' }, 'ttl', /TTL/],
    [{ name: 'www.other.example.', type: 'A', value: '192.0.2.1' }, 'name', /not inside the zone/],
  ];
  for (const [input, field, message] of refusals) {
    it(`refuses ${input.type} "${String(input.value).slice(0, 20)}" naming the field ${field}`, () => {
      const { editor } = setup();
      const result = editor.apply({ op: 'add', zone: 'example.jp', ...input } as never);
      expect(result).toMatchObject({ ok: false, field });
      if (!result.ok) {
        expect(result.message).toMatch(message);
        expect(result.rule).toMatch(/^RFC /);
      }
    });
  }

  it('a replaced TLSA is re-signed at once: validated secure with the new data, serial bumped, traced', async () => {
    const { h, editor, events } = setup();
    const data = 'cd'.repeat(32);
    const result = editor.apply({ op: 'replace', zone: 'example.jp', name: '_25._tcp.mx', type: 'TLSA', value: `3 1 1 ${data}` });
    expect(result).toMatchObject({ ok: true, zone: 'example.jp', serial: 2026010102 });
    const r = await h.resolver.lookup('_25._tcp.mx.example.jp', 'TLSA');
    expect(r.status).toBe('secure');
    expect(r.answers.map((rr) => (rr.data as { certificate: Buffer }).certificate.toString('hex'))).toEqual([data]);
    expect(events.at(-1)).toMatchObject({ layer: 'dns', dir: 'none', detail: { zone: 'example.jp', op: 'replace', type: 'TLSA', resigned: true } });
  });

  it('deletes the _mta-sts TXT: the name is then proven not to exist', async () => {
    const { h, editor } = setup();
    expect(editor.apply({ op: 'delete', zone: 'example.jp', name: '_mta-sts', type: 'TXT' })).toMatchObject({ ok: true });
    expect(await h.resolver.lookup('_mta-sts.example.jp', 'TXT')).toMatchObject({ status: 'secure', rcode: 'NXDOMAIN' });
  });

  it('switches a zone to unsigned and back', async () => {
    const { h, editor } = setup();
    expect(editor.setMode('example.jp', 'unsigned')).toMatchObject({ ok: true });
    expect(await h.resolver.lookup('mx.example.jp', 'A')).toMatchObject({ status: 'insecure' });
    expect(editor.setMode('example.jp', 'nonsense')).toMatchObject({ ok: false, field: 'mode' });
  });
});
