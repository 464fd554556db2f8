// Lab DNS: start-up signing of all zones, a cold validated TLSA lookup (root -> jp -> example.jp),
// a warm one from the cache.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLabDns } from '../engine/dns/lab/lab-dns.ts';
import { loadZoneKeys } from '../engine/dns/zone/key-store.ts';
import { labZones } from '../engine/dns/zone/lab-zones.ts';
import { ZoneSet } from '../engine/dns/zone/zone-set.ts';
import { measure, millis, record } from './measure.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-bench-dns-'));
const tlsa = { usage: 3, selector: 1, matchingType: 1, certificate: Buffer.alloc(32, 1) };
// Keys are generated once, as on a learner's first start; the figures are for every later start.
new ZoneSet({ zones: labZones({ tlsa }), keysFor: (origin) => loadZoneKeys(dataDir, origin) });

await measure('start-up: load keys + sign all lab zones', 30, () => new ZoneSet({ zones: labZones({ tlsa }), keysFor: (origin) => loadZoneKeys(dataDir, origin) }), 100);

const dns = await startLabDns({ dataDir, pkiTlsa: tlsa });
await measure('startLabDns (sign + UDP/TCP listen)', 20, async () => {
  const other = await startLabDns({ dataDir, pkiTlsa: tlsa });
  await other.close();
}, 100);

let n = 0;
const cold = await measure('cold validated lookup _25._tcp.mx.example.jp TLSA', 50, async () => {
  const resolver = dns.resolver(`bench-cold-${n++}`, { validate: true });
  const result = await resolver.lookup('_25._tcp.mx.example.jp', 'TLSA');
  if (result.status !== 'secure') throw new Error(`expected secure, got ${result.status}: ${result.reason}`);
}, 10);

const warm = dns.resolver('bench-warm', { validate: true });
await warm.lookup('_25._tcp.mx.example.jp', 'TLSA');
const warmFigure = await measure('warm lookup _25._tcp.mx.example.jp TLSA (cached)', 2000, async () => {
  await warm.lookup('_25._tcp.mx.example.jp', 'TLSA');
}, 0.2);

record('dnsColdMs', millis(cold));
record('dnsWarmMs', millis(warmFigure));
await dns.close();
