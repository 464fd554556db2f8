// Property-based tests (fast-check) for the lab's parsers: random and mutated inputs never throw
// out of a parser, and what is written and read back stays the same.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../engine/dns/server/query-parse.ts';
import { respond } from '../../../engine/dns/server/respond.ts';
import { encodeQuery } from '../../../engine/dns/resolver/query-wire.ts';
import { formatTlsa, parseTlsaPresentation } from '../../../engine/policy/dane/tlsa-record.ts';
import { parseStsPolicy } from '../../../engine/policy/mta-sts/policy-file.ts';
import { parseStsTxtRecord } from '../../../engine/policy/mta-sts/txt-record.ts';
import { SmtpFlowDecoder } from '../../../engine/protocol/smtp-flow-decoder.ts';
import { parseClientHello } from '../../../engine/protocol/tls-hello.ts';
import { isGrease } from '../../../engine/protocol/tls-names.ts';
import { TlsFlow } from '../../../engine/protocol/tls-flow.ts';
import { clientHello, record } from '../protocol/tls-builders.ts';
import { testZones } from '../dns/lab-zones.ts';

const RUNS = { numRuns: 300 };

/** Bytes cut into random pieces, as TCP may deliver them. */
function chunked(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const at of [...points, bytes.length]) {
    if (at > from) out.push(bytes.subarray(from, at));
    from = at;
  }
  return out;
}

/** A valid input with a few bytes overwritten, inserted or cut. */
const mutated = (valid: fc.Arbitrary<Buffer>) =>
  fc.tuple(valid, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'insert', 'cut')), { maxLength: 6 })).map(([bytes, edits]) => {
    let b = Buffer.from(bytes);
    for (const [at, value, kind] of edits) {
      const i = b.length ? at % b.length : 0;
      if (kind === 'set' && b.length) b[i] = value;
      else if (kind === 'insert') b = Buffer.concat([b.subarray(0, i), Buffer.from([value]), b.subarray(i)]);
      else b = b.subarray(0, i);
    }
    return b;
  });

const summaries = (events: { summary: string; layer: string; dir: string }[]) => events.map((e) => `${e.layer} ${e.dir} ${e.summary}`);

function decodeSmtp(dir: 'c2s' | 's2c', pieces: Buffer[]): string[] {
  const decoder = new SmtpFlowDecoder();
  const events = pieces.flatMap((piece) => decoder.feed(dir, piece));
  return summaries([...events, ...decoder.finish()]);
}

const word = fc.stringMatching(/^[A-Za-z0-9.@<>:=-]{1,20}$/);
const smtpCommand = fc.oneof(
  word.map((w) => `EHLO ${w}`),
  word.map((w) => `MAIL FROM:<${w}>`),
  word.map((w) => `RCPT TO:<${w}>`),
  fc.constantFrom('NOOP', 'RSET', 'STARTTLS', 'QUIT', 'HELP'),
);
const replyText = fc.stringMatching(/^[ -~]{0,40}$/);

describe('SMTP command and reply lines', () => {
  it('random bytes in random pieces never throw out of the decoder, either way', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.array(fc.nat(), { maxLength: 20 }), fc.constantFrom('c2s' as const, 's2c' as const), (bytes, cuts, dir) => {
        decodeSmtp(dir, chunked(Buffer.from(bytes), cuts));
      }),
      RUNS,
    );
  });

  it('a session reads the same whatever the pieces, and every command comes back as typed', () => {
    fc.assert(
      fc.property(fc.array(smtpCommand, { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { maxLength: 10 }), (commands, cuts) => {
        const bytes = Buffer.from(commands.map((c) => `${c}\r\n`).join(''));
        const whole = decodeSmtp('c2s', [bytes]);
        expect(decodeSmtp('c2s', chunked(bytes, cuts))).toEqual(whole);
        for (const command of commands) expect(whole.some((row) => row.includes(command.split(' ')[0]))).toBe(true);
      }),
      RUNS,
    );
  });

  it('a multi-line reply becomes one row with its code, however it is cut', () => {
    fc.assert(
      fc.property(fc.integer({ min: 200, max: 599 }), fc.array(replyText, { minLength: 1, maxLength: 6 }), fc.array(fc.nat(), { maxLength: 10 }), (code, lines, cuts) => {
        const bytes = Buffer.from(lines.map((line, i) => `${code}${i === lines.length - 1 ? ' ' : '-'}${line}\r\n`).join(''));
        const rows = decodeSmtp('s2c', chunked(bytes, cuts));
        expect(rows).toEqual(decodeSmtp('s2c', [bytes]));
        expect(rows.filter((row) => row.startsWith('smtp s2c'))).toHaveLength(1);
        expect(rows[0]).toContain(String(code));
      }),
      RUNS,
    );
  });
});

const helloSpec = fc.record({
  suites: fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 1, maxLength: 20 }),
  versions: fc.option(fc.array(fc.constantFrom(0x0301, 0x0302, 0x0303, 0x0304), { minLength: 1, maxLength: 4 }), { nil: undefined }),
  sni: fc.option(fc.stringMatching(/^[a-z0-9.-]{1,40}$/), { nil: undefined }),
});

describe('TLS records and ClientHello', () => {
  it('a ClientHello reads back what was written', () => {
    fc.assert(
      fc.property(helloSpec, (spec) => {
        const info = parseClientHello(clientHello(spec).subarray(4));
        expect(info.sni ?? undefined).toBe(spec.sni);
        // GREASE values (RFC 8701) are noise a client adds on purpose: the parser leaves them out.
        expect(info.cipherSuites).toHaveLength(spec.suites.filter((suite) => !isGrease(suite)).length);
        if (spec.versions) expect(info.offeredVersions).toHaveLength(spec.versions.filter((version) => !isGrease(version)).length);
      }),
      RUNS,
    );
  });

  it('a mutated ClientHello either parses or fails with an Error, never anything else', () => {
    fc.assert(
      fc.property(mutated(helloSpec.map((spec) => clientHello(spec).subarray(4))), (body) => {
        try {
          parseClientHello(body);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
        }
      }),
      RUNS,
    );
  });

  it('random and mutated record streams never throw out of the TLS flow decoder', () => {
    const stream = helloSpec.map((spec) => record(22, clientHello(spec), 0x0301));
    fc.assert(
      fc.property(fc.oneof(mutated(stream), fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.from(b))), fc.array(fc.nat(), { maxLength: 15 }), fc.constantFrom('c2s' as const, 's2c' as const), (bytes, cuts, dir) => {
        const flow = new TlsFlow();
        for (const piece of chunked(bytes, cuts)) flow.feed(dir, piece);
        flow.finish();
      }),
      RUNS,
    );
  });

  it('a well-formed record stream decodes the same whatever the pieces', () => {
    fc.assert(
      fc.property(helloSpec, fc.array(fc.nat(), { maxLength: 15 }), (spec, cuts) => {
        const bytes = record(22, clientHello(spec), 0x0301);
        const decode = (pieces: Buffer[]) => {
          const flow = new TlsFlow();
          return summaries([...pieces.flatMap((piece) => flow.feed('c2s', piece)), ...flow.finish()]);
        };
        expect(decode(chunked(bytes, cuts))).toEqual(decode([bytes]));
      }),
      RUNS,
    );
  });
});

// RFC 1035 §2.3.1 (RFC 1123 §2.1): letters, digits and inner hyphens.
const dnsName = fc.array(fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/), { minLength: 1, maxLength: 4 }).map((labels) => labels.join('.'));
const dnsType = fc.constantFrom('A', 'AAAA', 'MX', 'TXT', 'TLSA', 'NS', 'SOA', 'DNSKEY', 'DS');

describe('DNS packets', () => {
  const zones = testZones();

  it('a query reads back its name and type', () => {
    fc.assert(
      fc.property(dnsName, dnsType, (name, type) => {
        const parsed = parseQuery(encodeQuery(name, type).bytes);
        expect(parsed).toMatchObject({ kind: 'query' });
        expect(JSON.stringify(parsed).toLowerCase()).toContain(name.toLowerCase());
      }),
      RUNS,
    );
  });

  it('random and mutated packets never throw out of the parser or the server', () => {
    fc.assert(
      fc.property(fc.oneof(mutated(fc.tuple(dnsName, dnsType).map(([n, t]) => encodeQuery(n, t).bytes)), fc.uint8Array({ maxLength: 600 }).map((b) => Buffer.from(b))), fc.constantFrom('udp' as const, 'tcp' as const), (packet, transport) => {
        parseQuery(packet);
        const reply = respond(zones.published(), packet, transport);
        if (reply.bytes) expect(reply.bytes.length).toBeLessThanOrEqual(transport === 'udp' ? 1232 : 65535);
      }),
      RUNS,
    );
  });
});

const mxPattern = fc.tuple(fc.boolean(), dnsName).map(([wild, name]) => `${wild ? '*.' : ''}${name}`);
const policy = fc.record({
  mode: fc.constantFrom('enforce', 'testing', 'none'),
  maxAge: fc.integer({ min: 0, max: 31557600 }),
  mx: fc.array(mxPattern, { minLength: 1, maxLength: 5 }),
  eol: fc.constantFrom('\r\n', '\n'),
});

describe('MTA-STS policies and TXT records', () => {
  it('a policy written to the grammar parses back to the same fields', () => {
    fc.assert(
      fc.property(policy, ({ mode, maxAge, mx, eol }) => {
        const text = ['version: STSv1', `mode: ${mode}`, ...mx.map((m) => `mx: ${m}`), `max_age: ${maxAge}`, ''].join(eol);
        const parsed = parseStsPolicy(text);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        expect(parsed.policy).toMatchObject({ mode, maxAge, mx: mx.map((m) => m.toLowerCase()) });
        expect(parseStsPolicy(`${parsed.policy.lines.join('\r\n')}\r\n`)).toEqual(parsed);
      }),
      RUNS,
    );
  });

  it('random and mutated policy text never throws out of the parser', () => {
    const valid = policy.map(({ mode, maxAge, mx }) => Buffer.from(['version: STSv1', `mode: ${mode}`, ...mx.map((m) => `mx: ${m}`), `max_age: ${maxAge}`, ''].join('\r\n')));
    fc.assert(
      fc.property(fc.oneof(mutated(valid).map((b) => b.toString('latin1')), fc.string({ maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 200 })), (text) => {
        const result = parseStsPolicy(text);
        expect(typeof result.ok).toBe('boolean');
      }),
      RUNS,
    );
  });

  it('a TXT record reads back its id; random records never throw', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]{1,32}$/), fc.constantFrom('; ', ';', ' ; '), (id, delim) => {
        const parsed = parseStsTxtRecord(`v=STSv1${delim}id=${id}`);
        expect(parsed).toMatchObject({ ok: true, id });
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.array(fc.string({ maxLength: 255 }), { maxLength: 4 })), (record) => {
        expect(typeof parseStsTxtRecord(record).ok).toBe('boolean');
      }),
      RUNS,
    );
  });
});

describe('TLSA data', () => {
  const tlsa = fc.record({
    usage: fc.integer({ min: 0, max: 255 }),
    selector: fc.integer({ min: 0, max: 255 }),
    matchingType: fc.integer({ min: 0, max: 255 }),
    data: fc.uint8Array({ minLength: 1, maxLength: 100 }).map((b) => Buffer.from(b)),
  });

  it('formatting and parsing a record is a round trip', () => {
    fc.assert(
      fc.property(tlsa, (rec) => {
        const parsed = parseTlsaPresentation(formatTlsa(rec));
        if (parsed.ok) expect(parsed.record).toEqual(rec);
        else expect(parsed.field).toBe('data');
      }),
      RUNS,
    );
  });

  it('random presentation text never throws out of the parser', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), tlsa.map((r) => formatTlsa(r)).chain((text) => fc.nat().map((n) => text.slice(0, n % (text.length + 1)) + '\u0000zz'))), (text) => {
        expect(typeof parseTlsaPresentation(text).ok).toBe('boolean');
      }),
      RUNS,
    );
  });
});
