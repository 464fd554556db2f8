// RFC 5321 §5.1 and RFC 7505 from the MX answer alone, no sockets.
import { describe, expect, it } from 'vitest';
import type { LookupResult } from '../../../../../engine/dns/resolver/stub-resolver.ts';
import { planMxHosts } from '../../../../../engine/nodes/sender/mta/mx-hosts.ts';

const mx = (preference: number, exchange: string) => ({ name: 'example.jp', type: 'MX', ttl: 300, class: 'IN', data: { preference, exchange } });
const lookup = (over: Partial<LookupResult>): LookupResult =>
  ({ name: 'example.jp', type: 'MX', status: 'unchecked', rcode: 'NOERROR', answers: [], rrsigs: [], reason: '', rule: '', chain: [], cached: false, ...over }) as LookupResult;

describe('planMxHosts', () => {
  it('orders by preference, lowest first', () => {
    const plan = planMxHosts('example.jp', lookup({ answers: [mx(20, 'b.example.jp'), mx(10, 'A.example.jp.')] as never }));
    expect(plan.ok && plan.hosts.map((h) => h.host)).toEqual(['a.example.jp', 'b.example.jp']);
  });

  it('puts equal preferences in random order', () => {
    const answers = [mx(10, 'a.example.jp'), mx(10, 'b.example.jp'), mx(20, 'c.example.jp')] as never;
    const orders = new Set<string>();
    for (const r of [[0.9, 0.1, 0.5], [0.1, 0.9, 0.5]]) {
      let i = 0;
      const plan = planMxHosts('example.jp', lookup({ answers }), () => r[i++]);
      if (plan.ok) orders.add(plan.hosts.map((h) => h.host).join(','));
    }
    expect(orders).toEqual(new Set(['b.example.jp,a.example.jp,c.example.jp', 'a.example.jp,b.example.jp,c.example.jp']));
  });

  it('uses the domain itself when there is no MX RRset (implicit MX)', () => {
    const plan = planMxHosts('example.jp', lookup({}));
    expect(plan).toMatchObject({ ok: true, implicit: true, hosts: [{ host: 'example.jp', preference: 0 }] });
  });

  it('bounces a null MX with 5.1.10 (RFC 7505 §3)', () => {
    expect(planMxHosts('example.jp', lookup({ answers: [mx(0, '.')] as never }))).toMatchObject({ ok: false, outcome: 'bounced', status: '5.1.10', rule: 'RFC 7505 §3' });
  });

  it('bounces NXDOMAIN with 5.1.2 and defers SERVFAIL and bogus answers', () => {
    expect(planMxHosts('example.jp', lookup({ rcode: 'NXDOMAIN' }))).toMatchObject({ ok: false, outcome: 'bounced', status: '5.1.2' });
    expect(planMxHosts('example.jp', lookup({ rcode: 'SERVFAIL' }))).toMatchObject({ ok: false, outcome: 'deferred' });
    expect(planMxHosts('example.jp', lookup({ status: 'bogus', rcode: 'SERVFAIL' }))).toMatchObject({ ok: false, outcome: 'deferred', rule: 'RFC 4035 §5.5' });
  });
});
