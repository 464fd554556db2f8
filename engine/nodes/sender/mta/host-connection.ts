// The SMTP connections to one MX host for one message: the first with STARTTLS as the policy
// says, then, after a failed handshake, the retries the policy allows: a lower TLS version
// (fallback, with or without TLS_FALLBACK_SCSV, RFC 7507) or cleartext (opportunistic).
import { text } from '../../../../common/i18n/text.ts';
import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import type { SecureVersion } from 'node:tls';
import type { LabRoute } from '../../../network/lab-routes.ts';
import { SmtpClientSession } from '../../../protocol/smtp-client/session.ts';
import type { SessionResult } from '../../../protocol/smtp-client/types.ts';
import type { DowngradeOutcome } from '../../../../common/sender.ts';
import { runSmtpConnection } from '../smtp-connection.ts';
import type { DeliveryDeps } from './delivery-deps.ts';
import { HostSessionPolicy, type HostRequirements } from './host-session.ts';
import { SENDER_NODE, type PolicyTrace } from './policy-trace.ts';
import type { SenderProfile } from './sender-profile.ts';

const VERSION_STEPS: (SecureVersion | undefined)[] = [undefined, 'TLSv1.2', 'TLSv1.1', 'TLSv1'];

export interface HostConnectionInput {
  host: string;
  route: LabRoute;
  profile: SenderProfile;
  /** What the policies require of this host; plaintextOnly is decided here. */
  requirements: Omit<HostRequirements, 'plaintextOnly'>;
  envelope: { from: string; to: string[]; message: Buffer; serverName: string };
}

export interface HostConnectionOutcome {
  /** The last session's result. */
  result: SessionResult;
  /** The policy of the last session, with the decision it made. */
  policy: HostSessionPolicy;
  /** Trace flow of the last connection. */
  flow: string | null;
  /** The retries after failed handshakes, lower versions or cleartext; null when no handshake failed. */
  downgrade: DowngradeOutcome | null;
}

/** The highest version a handshake offers: Node's own maximum when none is set. */
const offeredVersion = (max: SecureVersion | undefined): string => max ?? 'TLSv1.3';

export async function connectToHost(deps: DeliveryDeps, trace: PolicyTrace, input: HostConnectionInput): Promise<HostConnectionOutcome> {
  const { host, profile, envelope } = input;
  const note = input.requirements.note;
  let plaintextOnly = false;
  let step = 0;
  const offered: string[] = [];
  let stoppedBy: string | null = null;
  const done = (result: SessionResult, policy: HostSessionPolicy, flow: string | null): HostConnectionOutcome => {
    const retried = offered.length > 1 || plaintextOnly;
    if (!retried) return { result, policy, flow, downgrade: null };
    // The message went on in cleartext when the cleartext session got as far as MAIL FROM.
    const then = result.tls ? 'tls' : plaintextOnly && ['mail', 'rcpt', 'data', 'done'].includes(result.stage) ? 'plaintext' : 'gave-up';
    return { result, policy, flow, downgrade: { offered: [...offered], scsv: profile.fallbackScsv && offered.length > 1, stoppedBy, then, version: result.tls?.version ?? null } };
  };
  for (;;) {
    const policy = new HostSessionPolicy({ ...input.requirements, plaintextOnly });
    const maxVersion = VERSION_STEPS[step];
    const scsv = profile.fallbackScsv && step > 0 && deps.fallbackScsvSocket ? deps.fallbackScsvSocket : undefined;
    const session = new SmtpClientSession({
      clientName: SENDER_NODE,
      serverName: envelope.serverName,
      from: envelope.from,
      to: envelope.to,
      message: envelope.message,
      requireTls: input.requirements.requireTls,
      policy,
      ...(deps.timeoutsMs ? { timeoutsMs: deps.timeoutsMs } : {}),
    });
    if (!plaintextOnly) offered.push(offeredVersion(maxVersion));
    const { result, flow } = await connectOnce(deps, trace, input.route, host, {
      session,
      trustedCaPems: policy.trustAnchors(deps.trustedCaPems()),
      limits: profile.versionFallback ? { minVersion: 'TLSv1', ...(maxVersion ? { maxVersion } : {}) } : (profile.tls ? (policy.tlsMandatory ? profile.tls.mandatory : profile.tls.opportunistic) : {}),
      ...(scsv ? { wrap: scsv } : {}),
    });
    if (!result.tlsError || result.tls) return done(result, policy, flow);
    // RFC 7507 §3: the server saw TLS_FALLBACK_SCSV below its best version and sent alert 86.
    const scsvRefused = /ALERT_INAPPROPRIATE_FALLBACK|alert inappropriate fallback/i.test(result.tlsError);
    // RFC 8446 §4.1.3: this client found the downgrade sentinel in ServerHello.random itself
    // (OpenSSL names that "inappropriate fallback" too, without an alert).
    const sentinelFound = !scsvRefused && /INAPPROPRIATE_FALLBACK/i.test(result.tlsError);
    // Either way a lower retry would fare no better: the failures were a downgrade on the path.
    const downgradeDetected = scsvRefused || sentinelFound;
    // A TLS stack that falls back retries lower before a policy that requires TLS hears of the
    // failure: that policy judges the session the retries end with.
    const stackRetries = profile.versionFallback && !downgradeDetected && step < VERSION_STEPS.length - 1 && policy.tlsMandatory;
    const tlsFailure = result.tlsErrorText ?? result.tlsError;
    const decision = stackRetries ? null : policy.judgeFailedHandshake(tlsFailure);
    if (decision && (decision.verdict === 'try-next-mx' || decision.verdict === 'defer')) {
      stoppedBy ??= decision.rule;
      return done(result, policy, flow);
    }
    if (downgradeDetected) {
      stoppedBy = scsvRefused ? 'RFC 7507 §3' : 'RFC 8446 §4.1.3';
      note({ decision: 'fallback', rule: stoppedBy, reasonText: text(scsvRefused ? 'fallback.inappropriate' : 'fallback.sentinel', { host }), mxHost: host, verdict: 'downgrade-detected' });
    }
    if (profile.versionFallback && !downgradeDetected && step < VERSION_STEPS.length - 1) {
      step += 1;
      note({ decision: 'fallback', rule: profile.fallbackScsv ? 'RFC 7507 §4' : 'RFC 7507 §1', reasonText: text(profile.fallbackScsv ? 'fallback.retryScsv' : 'fallback.retryNoScsv', { error: tlsFailure, version: VERSION_STEPS[step] ?? '' }), mxHost: host, verdict: 'retry' });
      continue;
    }
    if (!plaintextOnly && !policy.tlsMandatory) {
      plaintextOnly = true;
      note({ decision: 'fallback', rule: 'RFC 3207 §4.1', reasonText: text('fallback.cleartext', { host, policy: profile.policy }), mxHost: host, verdict: 'retry-cleartext' });
      continue;
    }
    return done(result, policy, flow);
  }
}

interface ConnectOptions {
  session: SmtpClientSession;
  trustedCaPems: readonly string[];
  limits: { minVersion?: SecureVersion; maxVersion?: SecureVersion };
  wrap?: (socket: Socket) => Duplex;
}

async function connectOnce(deps: DeliveryDeps, trace: PolicyTrace, route: LabRoute, host: string, options: ConnectOptions): Promise<{ result: SessionResult; flow: string | null }> {
  let flow: string | null = null;
  const result = await runSmtpConnection({
    port: route.listenPort,
    session: options.session,
    trustedCaPems: options.trustedCaPems,
    tls: options.limits,
    ...(options.wrap ? { wrapSocket: options.wrap } : {}),
    ...(deps.keylog ? { keylog: deps.keylog } : {}),
    observe: (event) => {
      if (event.type === 'connected') {
        trace.onConnection(() => {
          const found = deps.flowOfClientPort(event.localPort);
          if (found) flow = found.flow;
          return found;
        });
      }
      if (event.type === 'note') trace.emit({ decision: 'session', rule: event.note.rule, reason: event.note.reason, ...(event.note.reasonText ? { reasonText: event.note.reasonText } : {}), mxHost: host });
    },
  });
  trace.endConnection();
  return { result, flow };
}
