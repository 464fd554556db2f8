// The dns.* messages as a playbook: shape checks in parseClientMessage, routing in ApiSession,
// against a real lab DNS (zones signed with keys in a temporary data directory).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseClientMessage, type ServerMessage } from '../../../common/protocol.ts';
import { ApiSession } from '../../../engine/api/api-session.ts';
import { dnsService } from '../../../engine/dns/lab/dns-service.ts';
import { startLabDns, type LabDns } from '../../../engine/dns/lab/lab-dns.ts';
import { fakeLab } from './fake-lab.ts';

let dataDir: string;
let dns: LabDns;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'smtp-lab-api-dns-'));
  dns = await startLabDns({ dataDir });
});

afterAll(async () => {
  await dns.close();
  await rm(dataDir, { recursive: true, force: true });
});

function session(withDns = true) {
  const lab = fakeLab(dataDir);
  if (withDns) lab.dnsService = dnsService(dns);
  const sent: ServerMessage[] = [];
  const api = new ApiSession({ lab, ptys: null, send: (m) => sent.push(m), systemLocale: 'en' });
  return { sent, api };
}

const until = async (sent: ServerMessage[], type: ServerMessage['type']) => {
  for (let i = 0; i < 200 && !sent.some((m) => m.type === type); i++) await new Promise((r) => setTimeout(r, 10));
  return sent.find((m) => m.type === type);
};

describe('dns messages: shapes', () => {
  it('accepts the four messages with their fields', () => {
    expect(parseClientMessage({ type: 'dns.zones' })).toEqual({ type: 'dns.zones' });
    expect(parseClientMessage({ type: 'dns.query', name: 'example.jp', rrtype: 'MX', validate: true })).toEqual({ type: 'dns.query', name: 'example.jp', rrtype: 'MX', validate: true });
    expect(parseClientMessage({ type: 'dns.mode', zone: 'example.jp', mode: 'bad-signature' })).toEqual({ type: 'dns.mode', zone: 'example.jp', mode: 'bad-signature' });
    expect(parseClientMessage({ type: 'dns.edit', op: 'add', zone: 'example.jp', name: 'www', rrtype: 'A', ttl: 60, value: '192.0.2.80' })).toEqual({ type: 'dns.edit', op: 'add', zone: 'example.jp', name: 'www', rrtype: 'A', ttl: 60, value: '192.0.2.80' });
    expect(parseClientMessage({ type: 'dns.edit', op: 'delete', zone: 'example.jp', name: 'www', rrtype: 'A' })).toEqual({ type: 'dns.edit', op: 'delete', zone: 'example.jp', name: 'www', rrtype: 'A' });
  });

  it('refuses wrong types, unknown values and unknown keys', () => {
    for (const bad of [
      { type: 'dns.zones', extra: 1 },
      { type: 'dns.query', name: 'example.jp', rrtype: 'MX' },
      { type: 'dns.query', name: 'example.jp', rrtype: 'MX', validate: 'yes' },
      { type: 'dns.query', name: 'a b', rrtype: 'MX', validate: true },
      { type: 'dns.query', name: 'x'.repeat(300), rrtype: 'MX', validate: true },
      { type: 'dns.query', name: 'example.jp', rrtype: 'M X', validate: true },
      { type: 'dns.mode', zone: 'example.jp', mode: 'broken' },
      { type: 'dns.edit', op: 'upsert', zone: 'example.jp', name: 'www', rrtype: 'A' },
      { type: 'dns.edit', op: 'add', zone: 'example.jp', name: 'www', rrtype: 'A', ttl: -1 },
      { type: 'dns.edit', op: 'add', zone: 'example.jp', name: 'www', rrtype: 'A', value: 5 },
      { type: 'dns.edit', op: 'add', zone: 'example.jp', name: 'www', rrtype: 'A', value: '1.2.3.4', sneaky: true },
    ]) {
      expect(parseClientMessage(bad), JSON.stringify(bad).slice(0, 80)).toBeNull();
    }
  });
});

describe('dns messages: routing', () => {
  it('dns.zones lists each zone with its mode and records', () => {
    const { sent, api } = session();
    api.receive({ type: 'dns.zones' });
    const zones = (sent[0] as Extract<ServerMessage, { type: 'dns.zones' }>).zones;
    expect(zones.map((z) => z.origin)).toEqual(expect.arrayContaining(['.', 'jp', 'example.jp']));
    const example = zones.find((z) => z.origin === 'example.jp')!;
    expect(example.mode).toBe('signed');
    expect(example.records.some((r) => /\tMX\t10 mx\.example\.jp\.$/.test(r))).toBe(true);
  });

  it('dns.query answers with the status, the records and the chain', async () => {
    const { sent, api } = session();
    api.receive({ type: 'dns.query', name: 'example.jp', rrtype: 'MX', validate: true });
    const answer = ((await until(sent, 'dns.answer')) as Extract<ServerMessage, { type: 'dns.answer' }>).answer;
    expect(answer).toMatchObject({ name: 'example.jp', type: 'MX', status: 'secure', rcode: 'NOERROR', answers: ['10 mx.example.jp.'], validating: true });
    expect(answer.chain.map((l) => [l.zone, l.state])).toEqual([['.', 'secure'], ['jp', 'secure'], ['example.jp', 'secure']]);
  });

  it('dns.edit adds a record and sends the zones again; a bad value is refused naming the field', () => {
    const { sent, api } = session();
    api.receive({ type: 'dns.edit', op: 'add', zone: 'example.jp', name: 'www', rrtype: 'A', value: '192.0.2.80' });
    expect(sent[0]).toMatchObject({ type: 'dns.result', request: 'edit', result: { ok: true, zone: 'example.jp' } });
    expect(sent[1]).toMatchObject({ type: 'dns.zones' });
    api.receive({ type: 'dns.edit', op: 'add', zone: 'example.jp', name: '_25._tcp.mx', rrtype: 'TLSA', value: '3 1 1 abc' });
    expect(sent[2]).toMatchObject({ type: 'dns.result', request: 'edit', result: { ok: false, field: expect.any(String) } });
    expect(sent).toHaveLength(3);
  });

  it('dns.mode breaks a zone, a validated query comes back bogus, and secure again once repaired', async () => {
    const { sent, api } = session();
    api.receive({ type: 'dns.mode', zone: 'example.jp', mode: 'bad-signature' });
    expect(sent[0]).toMatchObject({ type: 'dns.result', request: 'mode', result: { ok: true, summary: 'zone example.jp: signed -> bad-signature' } });
    api.receive({ type: 'dns.query', name: 'mx.example.jp', rrtype: 'A', validate: true });
    let answer = ((await until(sent, 'dns.answer')) as Extract<ServerMessage, { type: 'dns.answer' }>).answer;
    expect(answer).toMatchObject({ status: 'bogus', rcode: 'SERVFAIL', answers: [] });
    sent.length = 0;
    api.receive({ type: 'dns.mode', zone: 'example.jp', mode: 'signed' });
    api.receive({ type: 'dns.query', name: 'mx.example.jp', rrtype: 'A', validate: true });
    answer = ((await until(sent, 'dns.answer')) as Extract<ServerMessage, { type: 'dns.answer' }>).answer;
    // Seen at once: a zone change empties the terminal's resolver cache.
    expect(answer).toMatchObject({ status: 'secure', answers: ['192.0.2.25'] });
  });

  it('says so when the lab has no DNS', () => {
    const { sent, api } = session(false);
    api.receive({ type: 'dns.zones' });
    expect(sent).toEqual([{ type: 'error', message: 'this lab has no DNS', messageText: { key: 'api.noDns' } }]);
  });
});
