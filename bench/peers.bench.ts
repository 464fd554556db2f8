// The conventional lab to compare with, run here where Debian's postfix and knot are installed:
// a throwaway Postfix (own configuration, queue and certificate, smtpd on 127.0.0.1) beside a
// throwaway Knot DNS signing its zone itself. Measured: launch of both to "220 banner answered
// and a signed DNS answer received", and one STARTTLS delivery through that Postfix. Each row
// says why when it is skipped.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { measure, millis, record, report } from './measure.ts';
import { KNOT_ZONE, prepareKnot, type KnotInstance } from './peers/knot-instance.ts';
import { freePort, retryUntil } from './peers/loopback.ts';
import { POSTFIX_DOMAIN, POSTFIX_HOST, preparePostfix, type PostfixInstance } from './peers/postfix-instance.ts';
import { signedAnswer } from './peers/signed-answer.ts';
import { bannerAnswered, deliverWithStarttls } from './peers/starttls-delivery.ts';

const LAUNCH_RUNS = 5;
const DELIVERY_RUNS = 15;
const READY_WITHIN_MS = 15_000;

const runs = (command: string, args: string[]) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;
const postfixInstalled = runs('/usr/sbin/postconf', ['-d', 'mail_version']);
const knotInstalled = runs('knotd', ['--version']);
const root = userInfo().uid === 0;

const postfixMissing = !postfixInstalled ? 'postfix is not installed here (apt-get install postfix)' : !root ? 'postfix start needs root, and this bench is not running as root' : null;
const knotMissing = knotInstalled ? null : 'knot is not installed here (apt-get install knot)';

const version = (command: string, args: string[]) => spawnSync(command, args, { encoding: 'utf8' }).stdout?.trim().split('\n')[0] ?? '';
if (postfixInstalled) console.log(`postfix: ${version('/usr/sbin/postconf', ['-h', '-d', 'mail_version'])}`);
if (knotInstalled) console.log(`knot: ${version('knotd', ['--version'])}`);

interface Lab {
  postfix?: PostfixInstance;
  knot?: KnotInstance;
  dir: string;
}

async function stopLab(lab: Lab): Promise<void> {
  lab.postfix?.stop();
  await lab.knot?.stop();
  rmSync(lab.dir, { recursive: true, force: true });
}

/** Starts what is installed in a new temporary directory; resolves with the lab and the time from launch to ready. */
async function launchLab(withKnot: boolean): Promise<{ lab: Lab; ms: number; smtpMs: number; dnsMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'smtp-lab-bench-peers-'));
  const lab: Lab = { dir };
  chmodSync(dir, 0o755); // Postfix's daemons, running as mail_owner, pass through it
  try {
    const smtpPort = await freePort();
    const dnsPort = await freePort();
    const postfix = preparePostfix(join(dir, 'postfix'), smtpPort);
    const knot = withKnot ? prepareKnot(join(dir, 'knot'), dnsPort) : undefined;
    const start = performance.now();
    lab.knot = knot?.start();
    let smtpMs = 0;
    let dnsMs = 0;
    const dnsReady = lab.knot ? retryUntil(READY_WITHIN_MS, 'knotd signed answer', () => signedAnswer(dnsPort, KNOT_ZONE, 'SOA', 200)).then(() => (dnsMs = performance.now() - start)) : Promise.resolve();
    const smtpReady = postfix.start().then(async (instance) => {
      lab.postfix = instance;
      await retryUntil(READY_WITHIN_MS, 'postfix banner', () => bannerAnswered(smtpPort));
      smtpMs = performance.now() - start;
    });
    // Both settle before anything is stopped, so no half-started Postfix outlives a failure.
    const failure = (await Promise.allSettled([smtpReady, dnsReady])).find((result) => result.status === 'rejected');
    if (failure) throw failure.reason;
    return { lab, ms: performance.now() - start, smtpMs, dnsMs };
  } catch (error) {
    const logs = `${lab.postfix?.log().slice(-600) ?? ''}${lab.knot?.log().slice(-600) ?? ''}`;
    await stopLab(lab);
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${logs}`);
  }
}

let failed = false;

if (postfixMissing || knotMissing) {
  const why = [postfixMissing, knotMissing].filter(Boolean).join('; ');
  console.log(`peers: Postfix + Knot launch skipped: ${why}`);
  record('peers.postfixKnotStartMs', null);
  record('notes.peers_postfixKnotStartMs', why);
} else {
  const samples: number[] = [];
  const smtpSamples: number[] = [];
  const dnsSamples: number[] = [];
  for (let i = 0; i < LAUNCH_RUNS; i++) {
    const { lab, ms, smtpMs, dnsMs } = await launchLab(true);
    samples.push(ms);
    smtpSamples.push(smtpMs);
    dnsSamples.push(dnsMs);
    await stopLab(lab);
  }
  const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)];
  samples.sort((a, b) => a - b);
  console.log(`  of which: Postfix to its 220 banner median ${median(smtpSamples).toFixed(0)} ms (postfix start runs its integrity checks), Knot to a signed answer median ${median(dnsSamples).toFixed(0)} ms`);
  const figure = { name: 'Postfix + Knot: launch to banner and signed answer', median: samples[Math.floor(samples.length / 2)], p90: samples[Math.floor(samples.length * 0.9)], runs: LAUNCH_RUNS, unit: 'ms' as const };
  report(figure);
  record('peers.postfixKnotStartMs', figure.median);
  record('notes.peers_postfixKnotStartMs', `Postfix ${version('/usr/sbin/postconf', ['-h', '-d', 'mail_version'])} and Knot ${version('knotd', ['--version']).replace(/^.*version /, '')}, both launched at once, each time in a new directory (Knot makes its keys and signs the zone); median of ${LAUNCH_RUNS}; Postfix alone to its banner ${median(smtpSamples).toFixed(0)} ms, Knot alone to a signed answer ${median(dnsSamples).toFixed(0)} ms`);
}

if (postfixMissing) {
  console.log(`peers: Postfix STARTTLS delivery skipped: ${postfixMissing}`);
  record('peers.postfixStarttlsMs', null);
  record('notes.peers_postfixStarttlsMs', postfixMissing);
} else {
  const { lab } = await launchLab(false);
  try {
    const target = { port: lab.postfix!.port, caPem: lab.postfix!.caPem, serverName: POSTFIX_HOST, from: `sender@${POSTFIX_DOMAIN}`, to: `postmaster@${POSTFIX_DOMAIN}` };
    const figure = await measure('Postfix: one STARTTLS delivery (connect to 221)', DELIVERY_RUNS, () => deliverWithStarttls(target));
    // Postfix's own log must show the deliveries with TLS and the mail handed to discard.
    await retryUntil(5000, 'postfix log of the deliveries', async () => {
      const log = lab.postfix!.log();
      const tls = (log.match(/Anonymous TLS connection established|TLS connection established from/g) ?? []).length;
      const sent = (log.match(/status=sent/g) ?? []).length;
      if (sent < DELIVERY_RUNS) throw new Error(`${sent} of ${DELIVERY_RUNS} delivered, ${tls} TLS sessions logged`);
    });
    record('peers.postfixStarttlsMs', millis(figure));
    record('notes.peers_postfixStarttlsMs', `Node client to a throwaway Postfix on 127.0.0.1: banner, EHLO, STARTTLS, certificate verified, EHLO, MAIL, RCPT, DATA, QUIT; median of ${DELIVERY_RUNS}, smtpd processes warm after the first`);
  } catch (error) {
    failed = true;
    console.error(`peers: Postfix STARTTLS delivery failed: ${error instanceof Error ? error.message : String(error)}\n${lab.postfix?.log().slice(-1500) ?? ''}`);
    record('peers.postfixStarttlsMs', null);
    record('notes.peers_postfixStarttlsMs', 'the delivery failed in this run');
  } finally {
    await stopLab(lab);
  }
}

process.exit(failed ? 1 : 0);
