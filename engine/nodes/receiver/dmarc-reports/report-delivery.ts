// The report sender of mx.example.jp: a report message goes to the MX of its rua mailbox's domain
// as any mail does (RFC 5321 §5.1), over SMTP with opportunistic STARTTLS, spoken by the lab's
// SMTP client session. mx.example.jp has no outbound queue: one attempt, and its answer is the result.
import { english, reasonOf, text, type Text } from '../../../../common/i18n/text.ts';
import type { DmarcDelivery } from '../../../../common/dmarc.ts';
import type { LookupResult } from '../../../dns/resolver/stub-resolver.ts';
import { SmtpClientSession } from '../../../protocol/smtp-client/session.ts';
import type { SessionPolicy } from '../../../protocol/smtp-client/types.ts';
import type { WaitingFor } from '../../../protocol/smtp-client/reply-codes.ts';
import { planMxHosts } from '../../sender/mta/mx-hosts.ts';
import { firstAddress } from '../../sender/mta/lookup-values.ts';
import { runSmtpConnection } from '../../sender/smtp-connection.ts';

export interface ReportDeliveryDeps {
  /** This host's name, for EHLO. */
  clientName: string;
  lookup(name: string, type: string): Promise<LookupResult>;
  /** The loopback port that reaches a lab address's port 25 from this host, if any. */
  route(address: string, port: number): number | undefined;
  trustedCaPems: readonly string[];
  timeoutMs: number;
}

const OPPORTUNISTIC: SessionPolicy = {
  tls: ({ extensions, refused }) =>
    extensions.starttls && !refused
      ? { action: 'starttls', rule: 'RFC 3207 §4', reason: 'the server offers STARTTLS' }
      : { action: 'plaintext', rule: 'RFC 3207 §4', reason: 'no STARTTLS: the report goes in plaintext' },
  afterTls: () => ({ action: 'continue', rule: 'RFC 3207 §4.1', reason: 'opportunistic TLS: any certificate will do' }),
};

const failed = (detailText: Text): DmarcDelivery => ({ uri: '', ok: false, detail: english(detailText), detailText });

/** Delivers one report message to `to`; the uri of the answer is left to the caller. */
export async function deliverReport(deps: ReportDeliveryDeps, from: string, to: string, message: Buffer): Promise<DmarcDelivery> {
  const domain = to.slice(to.lastIndexOf('@') + 1).toLowerCase();
  const plan = planMxHosts(domain, await deps.lookup(domain, 'MX'));
  if (!plan.ok) return failed(text('dmarcRpt.noMx', { domain, why: reasonOf(plan) }));
  let last: Text = text('dmarcRpt.noRoute', { domain });
  for (const mx of plan.hosts) {
    const address = firstAddress(await deps.lookup(mx.host, 'A'));
    const port = address ? deps.route(address, 25) : undefined;
    if (!address || port === undefined) {
      last = text('dmarcRpt.hostUnreachable', { host: mx.host, address: address ?? '-' });
      continue;
    }
    const timeouts = Object.fromEntries((['greeting', 'ehlo', 'helo', 'starttls', 'mail', 'rcpt', 'data', 'data-end', 'quit'] as WaitingFor[]).map((w) => [w, deps.timeoutMs]));
    const session = new SmtpClientSession({ clientName: deps.clientName, serverName: mx.host, from, to: [to], message, policy: OPPORTUNISTIC, timeoutsMs: timeouts });
    const result = await runSmtpConnection({ port, session, trustedCaPems: deps.trustedCaPems });
    const recipient = result.recipients[0];
    if (recipient?.outcome === 'delivered') return { uri: '', ok: true, detail: english(text('dmarcRpt.accepted', { host: mx.host, code: recipient.code ?? 250 })), detailText: text('dmarcRpt.accepted', { host: mx.host, code: recipient.code ?? 250 }) };
    const why = recipient ? reasonOf(recipient) : result.error ? reasonOf(result.error) : 'no reply';
    last = text('dmarcRpt.refused', { host: mx.host, why });
  }
  return failed(last);
}
