// The step-check vocabulary against scripted moments: each predicate ticks on the event it names
// and not on a near miss.
import { describe, expect, it } from 'vitest';
import type { DkimCheck, MessageAuth } from '../../../common/auth.ts';
import type { MailboxMessage } from '../../../common/lab.ts';
import type { OutboundMessage } from '../../../common/sender.ts';
import type { TraceEvent } from '../../../common/trace.ts';
import { holds, partialMatch, type LabStateView, type Moment } from '../../../engine/course/checks.ts';
import { checkSchema, type Check } from '../../../engine/course/lab-schema.ts';

type DkimView = ReturnType<LabStateView['dkim']>;
const state = (over: Partial<{ records: string[]; key: 'current' | 'next'; current: boolean; next: boolean; dkim: DkimView; attacker: { name: string; params: Record<string, string> } }> = {}): LabStateView => ({
  records: () => over.records ?? [],
  receiver: () => ({ key: over.key ?? 'current', tlsaMatches: { current: over.current ?? false, next: over.next ?? false } }),
  dkim: () => over.dkim ?? { signing: 'current', published: { current: true, next: false } },
  attacker: () => over.attacker ?? null,
});

const event = (e: Partial<TraceEvent>): Moment => ({ kind: 'trace', event: { seq: 1, t: 0, flow: 'f1', link: { from: 'terminal', to: 'mx.example.jp', port: 25 }, layer: 'smtp', dir: 'c2s', summary: '', visibility: 'plaintext', ...e } });

const mail = (over: Partial<MailboxMessage>, client = 'terminal'): Moment => ({
  kind: 'mailbox',
  client,
  message: { id: 'm1', receivedAt: '', host: 'mx.example.jp', port: 25, flow: 'f1', helo: 'x', envelope: { mailFrom: 'alice@sender.example', rcptTo: ['bob@example.jp'] }, authUser: null, received: '', requireTls: false, headers: [['From', 'Alice <alice@sender.example>']], subject: 's', text: 'b', size: 1, tls: null, ...over },
});

const outbox = (outcome: Partial<NonNullable<OutboundMessage['outcome']>>, policy: OutboundMessage['request']['policy'] = 'mta-sts'): Moment => ({
  kind: 'outbox',
  message: { id: 'Q1', messageId: '<x>', queuedAt: '', request: { from: 'a@b', to: ['bob@example.jp'], subject: '', body: '', policy }, state: 'deferred', attempts: [], nextRetryAt: null, notice: null, outcome: { delivered: false, tls: null, attackerRead: false, stoppedBy: null, downgrade: null, reason: '', ...outcome } },
});

const check = (c: unknown): Check => checkSchema.parse(c);

describe('step checks', () => {
  it('trace: an SMTP command from the terminal, not from the sender', () => {
    const c = check({ trace: { layer: 'smtp', dir: 'c2s', from: 'terminal', verb: 'starttls' } });
    expect(holds(c, event({ detail: { kind: 'command', verb: 'STARTTLS' } }), state())).toBe(true);
    expect(holds(c, event({ link: { from: 'mail.sender.example', to: 'mx.example.jp' }, detail: { kind: 'command', verb: 'STARTTLS' } }), state())).toBe(false);
    expect(holds(c, event({ detail: { kind: 'command', verb: 'EHLO' } }), state())).toBe(false);
  });

  it('trace detail: arrays hold the listed elements', () => {
    expect(partialMatch({ extensions: ['STARTTLS'] }, { extensions: ['PIPELINING', 'STARTTLS'] })).toBe(true);
    expect(partialMatch({ extensions: ['STARTTLS'] }, { extensions: ['PIPELINING', 'XXXXXXXA'] })).toBe(false);
  });

  it('mailbox: a plaintext message does not pass a "delivered over TLS" step', () => {
    const c = check({ mailbox: { client: 'terminal', tls: true } });
    expect(holds(c, mail({}), state())).toBe(false);
    expect(holds(c, mail({ tls: { version: 'TLSv1.3', cipher: 'TLS_AES_256_GCM_SHA384' } }), state())).toBe(true);
    expect(holds(c, mail({ tls: { version: 'TLSv1.3', cipher: 'x' } }, 'mail.sender.example'), state())).toBe(false);
  });

  it('mailbox: a From header that differs from MAIL FROM', () => {
    const c = check({ mailbox: { headerFromDiffers: true } });
    expect(holds(c, mail({}), state())).toBe(false);
    expect(holds(c, mail({ headers: [['From', 'The CEO <CEO@example.jp>']] }), state())).toBe(true);
  });

  it('mailbox: the Received field the receiver prepended says how the message came', () => {
    const c = check({ mailbox: { client: 'terminal', received: 'with ESMTPSA' } });
    const field = (how: string) => `Received: from learner.example (unknown [192.0.2.10])\r\n\tby mx.example.jp (SMTP Lab) with ${how} id m1\r\n\tfor <bob@example.jp>; Sun, 06 Dec 2026 07:16:15 +0000`;
    expect(holds(c, mail({ received: field('ESMTPSA') }), state())).toBe(true);
    expect(holds(c, mail({ received: field('ESMTPA') }), state())).toBe(false);
    expect(holds(c, mail({ received: field('ESMTPS') }), state())).toBe(false);
  });

  it('mailbox auth: the receiver words, its Authentication-Results text and the folder', () => {
    const signature = (result: DkimCheck['result'], selector: string, comment = ''): DkimCheck => ({ result, domain: 'sender.example', selector, b: 'abc', comment, aligned: true });
    const auth = (dkim: DkimCheck[], header: string): MessageAuth => ({
      authservId: 'mx.example.jp',
      spf: { result: 'pass', domain: 'sender.example', mailFrom: 'alice@sender.example', clientIp: '198.51.100.25', comment: '' },
      dkim,
      dmarc: { result: 'pass', fromDomain: 'sender.example', policy: 'none', alignedSpf: 'sender.example', alignedDkim: null, rua: [], comment: '' },
      arc: null,
      disposition: { action: 'accept', rule: 'RFC 7489 §6.6.2', reason: '', override: null },
      header,
    });
    const rolled = check({ mailbox: { auth: { dkim: 'pass', header: 'header.s=mail2' } } });
    expect(holds(rolled, mail({ auth: auth([signature('pass', 'mail2')], 'Authentication-Results: mx.example.jp;\r\n\tdkim=pass header.d=sender.example header.s=mail2') }), state())).toBe(true);
    // Signed with the new key before its record was published: the selector is right, the result is not.
    expect(holds(rolled, mail({ auth: auth([signature('neutral', 'mail2', 'no key')], 'Authentication-Results: mx.example.jp;\r\n\tdkim=neutral (no key) header.d=sender.example header.s=mail2') }), state())).toBe(false);
    expect(holds(rolled, mail({ auth: auth([signature('pass', 'mail1')], 'Authentication-Results: mx.example.jp;\r\n\tdkim=pass header.d=sender.example header.s=mail1') }), state())).toBe(false);
    // No checks ran: no auth at all.
    expect(holds(rolled, mail({}), state())).toBe(false);
    expect(holds(check({ mailbox: { auth: { dkim: 'none', spf: 'pass' } } }), mail({ auth: auth([], 'x') }), state())).toBe(true);
    expect(holds(check({ mailbox: { folder: 'inbox' } }), mail({}), state())).toBe(true);
    expect(holds(check({ mailbox: { folder: 'junk' } }), mail({}), state())).toBe(false);
    expect(holds(check({ mailbox: { folder: 'junk' } }), mail({ folder: 'junk' }), state())).toBe(true);
    expect(() => check({ mailbox: { auth: { dkim: 'ok' } } })).toThrow();
  });

  it('dkim: which key signs and which records are published', () => {
    const c = check({ all: [{ dns: { edit: { op: 'delete', name: 'mail1._domainkey.sender.example' } } }, { dkim: { signing: 'next', published: { current: false, next: true } } }] });
    const edit = event({ layer: 'dns', dir: 'none', link: { from: 'ns.example.jp', to: 'ns.example.jp' }, detail: { op: 'delete', name: 'mail1._domainkey.sender.example', type: 'TXT', after: [] } });
    expect(holds(c, edit, state({ dkim: { signing: 'next', published: { current: false, next: true } } }))).toBe(true);
    // The old record removed while the old key still signs.
    expect(holds(c, edit, state({ dkim: { signing: 'current', published: { current: false, next: true } } }))).toBe(false);
    expect(holds(c, edit, state({ dkim: { signing: 'next', published: { current: false, next: false } } }))).toBe(false);
  });

  it('outbox: the verdict, the policy and the rule', () => {
    const c = check({ outbox: { policy: 'mta-sts', outcome: { delivered: false, attackerRead: false, stoppedBy: 'RFC 8461 §5' } } });
    expect(holds(c, outbox({ stoppedBy: 'RFC 8461 §5' }), state())).toBe(true);
    expect(holds(c, outbox({ stoppedBy: 'RFC 8461 §5' }, 'dane'), state())).toBe(false);
    expect(holds(c, outbox({ stoppedBy: 'RFC 8461 §5', attackerRead: true }), state())).toBe(false);
  });

  it('all: an event together with the state at that moment', () => {
    const c = check({ all: [{ dns: { edit: { op: 'add', type: 'TLSA' } } }, { receiver: { key: 'current', tlsaMatches: { next: true } } }] });
    const edit = event({ layer: 'dns', dir: 'none', link: { from: 'ns.example.jp', to: 'ns.example.jp' }, detail: { op: 'add', name: '_25._tcp.mx.example.jp', type: 'TLSA', after: [] } });
    expect(holds(c, edit, state({ next: true }))).toBe(true);
    expect(holds(c, edit, state({ next: false }))).toBe(false);
    expect(holds(c, edit, state({ key: 'next', next: true }))).toBe(false);
  });

  it('zone: present and absent records', () => {
    const view = state({ records: ['_mta-sts.example.jp.\t300\tIN\tTXT\t"v=STSv1; id=1"'] });
    expect(holds(check({ zone: { name: '_mta-sts.example.jp', type: 'TXT', value: 'v=STSv1' } }), event({}), view)).toBe(true);
    expect(holds(check({ zone: { name: '_mta-sts.example.jp', type: 'TXT', present: false } }), event({}), view)).toBe(false);
  });

  it('attacker: a verdict counts only while the named attack is on', () => {
    const c = check({ all: [{ outbox: { outcome: { stoppedBy: 'RFC 4035 §5.5' } } }, { attacker: { name: 'dns-spoof', params: { mx: 'impostor' } } }] });
    const bogus = outbox({ stoppedBy: 'RFC 4035 §5.5' });
    expect(holds(c, bogus, state({ attacker: { name: 'dns-spoof', params: { mx: 'impostor', 'mta-sts': 'remove' } } }))).toBe(true);
    // The same verdict from a zone with a broken signature, nobody on the path.
    expect(holds(c, bogus, state())).toBe(false);
    expect(holds(c, bogus, state({ attacker: { name: 'dns-spoof', params: { mx: 'keep' } } }))).toBe(false);
    expect(holds(check({ attacker: { name: 'off' } }), event({}), state())).toBe(true);
    expect(holds(check({ attacker: { name: 'off' } }), event({}), state({ attacker: { name: 'eavesdrop', params: {} } }))).toBe(false);
    expect(() => check({ attacker: { name: 'wiretap' } })).toThrow();
  });
});
