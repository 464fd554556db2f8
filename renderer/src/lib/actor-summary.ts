// Row text of the sending MTA's decisions (layer policy) and the attacker's actions (layer
// attack): what was decided or done in the learner's language, then the engine's own sentence,
// which names hosts, records and bytes that stay verbatim.
import { attackDetail, policyDetail, type AttackAction, type DecisionKind } from '../../../common/trace-details.ts';
import type { TraceEvent } from '../../../common/trace.ts';
import { isText } from '../../../common/i18n/text.ts';
import { linkText } from '../../../common/i18n/node-names.ts';
import { say, sayReason } from './engine-text.ts';
import type { MessageKey } from './i18n/index.ts';
import { after, clip, type Translate } from './summary-values.ts';

const ATTACK_ACTIONS: Record<AttackAction, MessageKey> = {
  on: 'attackAction.on',
  off: 'attackAction.off',
  observe: 'attackAction.observe',
  rewrite: 'attackAction.rewrite',
  refuse: 'attackAction.refuse',
  inject: 'attackAction.inject',
  kill: 'attackAction.kill',
  detect: 'attackAction.detect',
  'intercept-tls': 'attackAction.intercept-tls',
  learn: 'attackAction.learn',
  forge: 'attackAction.forge',
  route: 'attackAction.route',
  receive: 'attackAction.receive',
};

/** An attacker's action: switched on/off in words, otherwise what it did and its own sentence. */
export function attackAction(event: TraceEvent, t: Translate): string | null {
  const d = attackDetail(event);
  if (!d) return null;
  const attack = d.attack;
  if (d.action === 'on') {
    const params = d.params ? Object.entries(d.params).map(([k, v]) => `${k}=${v}`).join(' ') : '';
    return t('ev.attackOn', { attack, params: params ? t('ev.attackParams', { params }) : '', links: (d.links ?? []).map((link) => say(t, linkText(link))).join(t('ev.listSep')) });
  }
  if (d.action === 'off') return t('ev.attackOff', { attack });
  const action = typeof d.action === 'string' && Object.hasOwn(ATTACK_ACTIONS, d.action) ? ATTACK_ACTIONS[d.action as AttackAction] : undefined;
  const summary = isText(d.summaryText) ? say(t, d.summaryText) : event.summary;
  return action ? clip(t('ev.attackAction', { action: t(action), attack, summary }), 400) : null;
}

const DECISIONS: Record<DecisionKind, MessageKey> = {
  mx: 'decision.mx',
  'mta-sts-discovery': 'decision.mta-sts-discovery',
  'mta-sts-fetch': 'decision.mta-sts-fetch',
  'mta-sts-mx': 'decision.mta-sts-mx',
  'mta-sts': 'decision.mta-sts',
  dane: 'decision.dane',
  address: 'decision.address',
  route: 'decision.route',
  session: 'decision.session',
  transport: 'decision.transport',
  requiretls: 'decision.requiretls',
  fallback: 'decision.fallback',
  result: 'decision.result',
  tlsrpt: 'decision.tlsrpt',
  queue: 'decision.queue',
};

const VERDICTS: Record<string, MessageKey> = {
  deliver: 'verdict.deliver',
  'deliver-report-failure': 'verdict.deliver-report-failure',
  'try-next-mx': 'verdict.try-next-mx',
  defer: 'verdict.defer',
  bounce: 'verdict.bounce',
  'try-hosts': 'verdict.try-hosts',
  delivered: 'verdict.delivered',
  deferred: 'verdict.deferred',
  bounced: 'verdict.bounced',
  sent: 'verdict.sent',
  failed: 'verdict.failed',
  'not-sent': 'verdict.not-sent',
  retry: 'verdict.retry',
  'retry-cleartext': 'verdict.retry-cleartext',
  'downgrade-detected': 'verdict.downgrade-detected',
  apply: 'verdict.apply',
  continue: 'verdict.continue',
  fetch: 'verdict.fetch',
  'no-policy': 'verdict.no-policy',
  'use-cache': 'verdict.use-cache',
  quit: 'verdict.quit',
  'quit-try-next-mx': 'verdict.quit-try-next-mx',
  send: 'verdict.send',
  'send-with-requiretls': 'verdict.send-with-requiretls',
  'not-requested': 'verdict.not-requested',
  starttls: 'verdict.starttls',
  plaintext: 'verdict.plaintext',
};

const known = (table: Record<string, MessageKey>, value: unknown): MessageKey | undefined =>
  typeof value === 'string' && Object.hasOwn(table, value) ? table[value] : undefined;

/**
 * A sender decision: what was decided, the verdict and the engine's reason, all in the learner's
 * language (the reason's Text names hosts, records and policy text, which stay verbatim).
 * The rule is shown beside the row, so it is not repeated here.
 */
export function policy(event: TraceEvent, t: Translate): string | null {
  const d = policyDetail(event);
  if (!d) return null;
  const decisionKey = known(DECISIONS, d.decision);
  if (!decisionKey) return null;
  const reason = sayReason(t, d) || (event.rule ? after(event.summary, `${event.rule}: `) || event.summary : event.summary);
  const host = d.mxHost !== undefined ? t('ev.policyHost', { host: d.mxHost }) : '';
  const decision = t(decisionKey);
  if (d.verdict === undefined) return clip(t('ev.policyNoVerdict', { decision, host, reason }), 400);
  const verdictKey = known(VERDICTS, d.verdict);
  return clip(t('ev.policy', { decision, host, verdict: verdictKey ? t(verdictKey) : d.verdict, reason }), 400);
}
