// What the CLI commands share: find the lab's DNS (a port given, a running lab, or an
// in-process server from the same data directory) and a resolver in front of it.
import { text as sentence, type Text } from '../../common/i18n/text.ts';
import { TextError } from '../../common/i18n/text-error.ts';
import { say } from './cli-locale.ts';
import { defaultDataDir } from '../lab/data-dir.ts';
import { findRun } from './run-files.ts';
import { loadZoneKeys } from '../dns/zone/key-store.ts';
import { LAB_NS } from '../dns/zone/lab-zones.ts';
import { loopbackExchange } from '../dns/resolver/exchange.ts';
import { StubResolver } from '../dns/resolver/stub-resolver.ts';
import { labAnchor } from '../dns/lab/anchor.ts';
import { startLabDns } from '../dns/lab/lab-dns.ts';
import { mxTlsaFromPki } from '../dns/lab/pki-tlsa.ts';

export interface CliDns {
  resolver: StubResolver;
  port: number;
  /** Where the server came from, for the learner: "lab on port N" or "in-process server". */
  source: Text;
  close(): Promise<void>;
}

type Reasoned = { reason: string; reasonText?: Text };

/** --json keeps its keys; the reasons, free text, of the answer and of its chain follow the CLI's language. */
export function answerInLanguage<T extends Reasoned & { chain?: readonly Reasoned[] }>(answer: T): T {
  const inLanguage = <R extends Reasoned>(value: R): R => (value.reasonText ? { ...value, reason: say(value.reasonText) } : value);
  return { ...inLanguage(answer), ...(answer.chain ? { chain: answer.chain.map(inLanguage) } : {}) };
}

export function parsePort(text: string | undefined): number | null {
  if (text === undefined) return null;
  if (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535) throw new TextError(sentence('cliArgs.notPort', { value: text }));
  return Number(text);
}

/** The DNS port of the running lab, if its host table lists the name server. */
function runningLabPort(dataDir: string): number | null {
  try {
    const run = findRun(dataDir);
    const host = run?.info.hosts[LAB_NS] ?? Object.values(run?.info.hosts ?? {}).find((h) => h.role === 'dns');
    return host?.ports['53'] ?? null;
  } catch {
    return null;
  }
}

export async function openCliDns(options: { server?: number | null; validate: boolean; dataDir?: string; clientNodeId?: string }): Promise<CliDns> {
  const dataDir = options.dataDir ?? defaultDataDir();
  const clientNodeId = options.clientNodeId ?? 'terminal';
  const port = options.server ?? (process.env.SMTP_LAB_DNS_PORT ? parsePort(process.env.SMTP_LAB_DNS_PORT) : null) ?? runningLabPort(dataDir);
  if (port) {
    const anchor = labAnchor(loadZoneKeys(dataDir, '.').ksk.dnskey);
    const resolver = new StubResolver({ exchange: loopbackExchange(port), anchor, validate: options.validate, clientNodeId, serverNodeId: LAB_NS });
    return { resolver, port, source: sentence('cliDns.labPort', { port }), close: async () => undefined };
  }
  const pkiTlsa = await mxTlsaFromPki(dataDir).catch(() => undefined);
  const dns = await startLabDns({ dataDir, pkiTlsa });
  return { resolver: dns.resolver(clientNodeId, { validate: options.validate }), port: dns.port, source: sentence('cliDns.inProcess'), close: () => dns.close() };
}
