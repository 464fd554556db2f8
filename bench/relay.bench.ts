// Relaying speed with the attacker on the path: one large SMTP DATA through a lab link with the
// eavesdrop attack (the attacker's relay, its own reading of the dialogue and the link's trace),
// against a plain socat relay on the same machine in front of the same SMTP sink. Target: at
// least half socat's throughput (issue 5). For context: the link without an attacker, and the
// attacker on a link whose trace decoding is switched off (what the attacker itself costs).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAttacker } from '../engine/attack/attacker.ts';
import { startLab } from '../engine/lab/start-lab.ts';
import { LabNetwork } from '../engine/network/lab-network.ts';
import { FlowIdAllocator } from '../engine/trace/flow-ids.ts';
import { TraceStore } from '../engine/trace/trace-store.ts';
import { record } from './measure.ts';

const MESSAGE_MB = 64;
const RUNS = 7;
const LINE = Buffer.from(`${'x'.repeat(76)}\r\n`);
const CHUNK = Buffer.concat(Array.from({ length: Math.floor((64 * 1024) / LINE.length) }, () => LINE));
const END = Buffer.from('\r\n.\r\n');

if (spawnSync('socat', ['-V']).status !== 0) {
  console.log('relay: skipped, socat is not installed (apt-get install socat); the ratio needs it as the reference relay');
  record('relayVsSocat', null);
  record('notes.relayVsSocat', 'socat is not installed');
  process.exit(0);
}

/** An SMTP server that answers at once and counts the DATA it swallows. */
function smtpSink(): Promise<{ server: Server; port: number }> {
  const server = createServer((socket) => {
    socket.setNoDelay(true);
    socket.write('220 sink ESMTP\r\n');
    let inData = false;
    let tail = Buffer.alloc(0);
    let text = '';
    socket.on('data', (chunk: Buffer) => {
      if (inData) {
        const end = Buffer.concat([tail, chunk.subarray(Math.max(0, chunk.length - 5))]);
        tail = end.subarray(Math.max(0, end.length - 4));
        if (end.subarray(end.length - 5).equals(END)) {
          inData = false;
          socket.write('250 queued\r\n');
        }
        return;
      }
      text += chunk.toString('latin1');
      let nl: number;
      while ((nl = text.indexOf('\n')) >= 0) {
        const line = text.slice(0, nl).trim().toUpperCase();
        text = text.slice(nl + 1);
        if (line.startsWith('DATA')) {
          inData = true;
          tail = Buffer.alloc(0);
          socket.write('354 go on\r\n');
        } else if (line.startsWith('QUIT')) socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
    socket.on('error', () => {});
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port })));
}

function readUntil(socket: Socket, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('latin1');
      if (pattern.test(seen)) {
        socket.off('data', onData);
        resolve();
      }
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}

/** One SMTP session with a MESSAGE_MB message; returns the seconds from the first body octet to 250. */
async function oneDelivery(port: number): Promise<number> {
  const socket = connect({ host: '127.0.0.1', port, noDelay: true });
  await readUntil(socket, /^220 /m);
  socket.write('EHLO bench\r\nMAIL FROM:<a@sender.example>\r\nRCPT TO:<b@example.jp>\r\nDATA\r\n');
  await readUntil(socket, /^354 /m);
  socket.write('From: a@sender.example\r\nTo: b@example.jp\r\nSubject: bench\r\n\r\n');
  const accepted = readUntil(socket, /^250 queued/m);
  const start = performance.now();
  const chunks = Math.ceil((MESSAGE_MB * 1024 * 1024) / CHUNK.length);
  for (let i = 0; i < chunks; i++) {
    if (!socket.write(CHUNK)) await new Promise((r) => socket.once('drain', r));
  }
  socket.write('.\r\n');
  await accepted;
  const seconds = (performance.now() - start) / 1000;
  socket.end('QUIT\r\n');
  socket.destroy();
  return seconds;
}

async function throughput(name: string, port: number): Promise<number> {
  await oneDelivery(port);
  const rates: number[] = [];
  for (let i = 0; i < RUNS; i++) rates.push(MESSAGE_MB / (await oneDelivery(port)));
  rates.sort((a, b) => a - b);
  const median = rates[Math.floor(rates.length / 2)];
  console.log(`${name.padEnd(48)} median ${median.toFixed(1).padStart(9)} MB/s  min ${rates[0].toFixed(1)} MB/s  n=${RUNS}`);
  return median;
}

async function socatRelay(target: number): Promise<{ port: number; child: ChildProcess }> {
  const probe = createServer();
  const port = await new Promise<number>((resolve) => probe.listen(0, '127.0.0.1', () => resolve((probe.address() as { port: number }).port)));
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const child = spawn('socat', [`TCP-LISTEN:${port},bind=127.0.0.1,reuseaddr,fork`, `TCP:127.0.0.1:${target}`], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const s = connect({ host: '127.0.0.1', port }, () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (up) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  return { port, child };
}

const sink = await smtpSink();
const socat = await socatRelay(sink.port);
const lab = await startLab({ dataDir: mkdtempSync(join(tmpdir(), 'smtp-lab-bench-relay-')) });
const trace = new TraceStore();
const flows = new FlowIdAllocator();
const network = new LabNetwork(trace, flows);
const link = await network.addLink({ from: 'mail.sender.example', to: 'mx.example.jp', port: 25, targetPort: sink.port });
const untraced = await network.addLink({ from: 'mail.sender.example', to: 'mx.example.jp', port: 25, targetPort: sink.port, decoder: () => ({ feed: () => [], finish: () => [] }) });
const attacker = createAttacker({ network, routes: lab.routes, dns: lab.dns, pki: lab.pki, trace, flows, dataDir: lab.dataDir, smtpLinks: () => [link, untraced] });

try {
  console.log(`one ${MESSAGE_MB} MB DATA per session, to an SMTP sink on 127.0.0.1`);
  const reference = await throughput('plain socat relay', socat.port);
  await throughput('lab link, no attacker (traced relay)', link.listenPort);
  const set = await attacker.set('eavesdrop', {});
  if (!set.ok) throw new Error(set.message);
  const attacked = await throughput('lab link, eavesdrop attacker on it', link.listenPort);
  const bare = await throughput('  the same, the link\'s trace decoding off', untraced.listenPort);
  const ratio = attacked / reference;
  const knowledge = attacker.status().knowledge;
  record('relayVsSocat', ratio);
  record('peers.socatMBps', reference);
  record('relayEavesdropMBps', attacked);
  console.log(`${'eavesdrop / socat'.padEnd(48)} ratio ${ratio.toFixed(2).padStart(10)}  (target 0.50: ${ratio >= 0.5 ? 'met' : 'MISSED'})`);
  console.log(`${'  attacker alone (trace decoding off) / socat'.padEnd(48)} ratio ${(bare / reference).toFixed(2).padStart(10)}`);
  console.log(`attacker read ${knowledge.messages.length} messages, ${(knowledge.plaintextBytes / 1024 / 1024).toFixed(0)} MB in plaintext`);
} finally {
  await attacker.close();
  await network.close();
  await lab.close();
  socat.child.kill();
  sink.server.close();
}
