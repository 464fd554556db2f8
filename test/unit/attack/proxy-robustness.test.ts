// The attacker's relay under stress, on real loopback sockets: random bytes both ways through
// every attack that is not meant to change them (compared octet for octet), half-closes,
// resets, a slow reader, and malformed TLS where a ClientHello should be.
import { randomBytes } from 'node:crypto';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttackName } from '../../../common/attack.ts';
import { createAttacker, type Attacker } from '../../../engine/attack/attacker.ts';
import { LabNetwork, type LabLink } from '../../../engine/network/lab-network.ts';
import type { FlowIdAllocator } from '../../../engine/trace/flow-ids.ts';
import { openTestLab, type TestLab } from '../nodes/lab-fixture.ts';

let lab: TestLab;
let network: LabNetwork;
let link: LabLink;
let attacker: Attacker;
let peer: Server;
let onPeer: (socket: Socket) => void = () => {};

beforeAll(async () => {
  lab = await openTestLab();
  let n = 0;
  const flows = { next: () => `r${++n}` } as unknown as FlowIdAllocator;
  peer = createServer({ allowHalfOpen: true }, (socket) => onPeer(socket));
  await new Promise<void>((resolve) => peer.listen(0, '127.0.0.1', resolve));
  const peerPort = (peer.address() as { port: number }).port;
  network = new LabNetwork(lab.lab.trace, flows);
  link = await network.addLink({ from: 'mail.sender.example', to: 'mx.example.jp', port: 25, targetPort: peerPort });
  const { lab: l } = lab;
  attacker = createAttacker({ network, routes: l.routes, dns: l.dns, pki: l.pki, trace: l.trace, flows, dataDir: l.dataDir, smtpLinks: () => [link] });
});

afterAll(async () => {
  await attacker.close();
  await network.close();
  await new Promise<void>((resolve) => peer.close(() => resolve()));
  await lab.close();
});

const dial = () =>
  new Promise<Socket>((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: link.listenPort, allowHalfOpen: true }, () => resolve(socket));
    socket.once('error', reject);
  });

const collect = (socket: Socket) =>
  new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks)));
    socket.on('error', () => resolve(Buffer.concat(chunks)));
  });

/** Writes the bytes in random-sized pieces, then a FIN. */
async function writeChunked(socket: Socket, bytes: Buffer): Promise<void> {
  let at = 0;
  while (at < bytes.length) {
    const size = 1 + Math.floor(Math.random() * 40_000);
    const piece = bytes.subarray(at, at + size);
    at += piece.length;
    if (!socket.write(piece)) await new Promise((r) => socket.once('drain', r));
  }
  socket.end();
}

// Attacks that change nothing unless they see STARTTLS, 250-STARTTLS or a ClientHello after 220.
const UNCHANGING: [AttackName, Record<string, string>][] = [
  ['eavesdrop', {}],
  ['strip-starttls', {}],
  ['starttls-injection', {}],
  ['tls-downgrade', {}],
  ['fake-certificate', {}],
];

describe('relaying bytes it was not told to change', () => {
  for (const [name, params] of UNCHANGING) {
    it(`${name}: 1 MB of random bytes each way arrive whole and in order, however they were chunked`, async () => {
      await attacker.set(name, params);
      const up = randomBytes(1 << 20);
      const down = randomBytes(1 << 20);
      let atPeer!: Promise<Buffer>;
      const peerDone = new Promise<void>((resolve) => {
        onPeer = (socket) => {
          atPeer = collect(socket);
          void writeChunked(socket, down).then(resolve);
        };
      });
      const client = await dial();
      const atClient = collect(client);
      await writeChunked(client, up);
      await peerDone;
      expect((await atPeer).equals(up)).toBe(true);
      expect((await atClient).equals(down)).toBe(true);
    });
  }
});

describe('connections that end badly', () => {
  it('a half-close is passed on: the peer answers after the client\'s FIN', async () => {
    await attacker.set('strip-starttls', {});
    onPeer = (socket) => {
      const got = collect(socket);
      void got.then((bytes) => socket.end(`250 got ${bytes.length} octets\r\n`));
    };
    const client = await dial();
    const answer = collect(client);
    const sent = 'EHLO x\r\nMAIL FROM:<a@b>\r\n';
    client.end(sent);
    expect((await answer).toString()).toBe(`250 got ${sent.length} octets\r\n`);
  });

  it('a reset from the client reaches the peer, and the next connection works', async () => {
    await attacker.set('eavesdrop', {});
    const peerSaw = new Promise<string>((resolve) => {
      onPeer = (socket) => {
        socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
        socket.on('close', () => resolve('closed'));
      };
    });
    const client = await dial();
    client.write(randomBytes(1000));
    await new Promise((r) => setTimeout(r, 20));
    client.resetAndDestroy();
    expect(['ECONNRESET', 'closed']).toContain(await peerSaw);
    onPeer = (socket) => socket.end('220 still here\r\n');
    const again = await dial();
    expect((await collect(again)).toString()).toBe('220 still here\r\n');
  });

  it('a slow reader holds the sender back without losing anything', async () => {
    await attacker.set('eavesdrop', {});
    const up = randomBytes(1 << 20);
    const received = new Promise<Buffer>((resolve) => {
      onPeer = (socket) => {
        const chunks: Buffer[] = [];
        socket.on('data', (c: Buffer) => {
          chunks.push(c);
          socket.pause();
          setTimeout(() => socket.resume(), 1);
        });
        socket.on('end', () => {
          resolve(Buffer.concat(chunks));
          socket.end();
        });
      };
    });
    const client = await dial();
    await writeChunked(client, up);
    expect((await received).equals(up)).toBe(true);
    client.destroy();
  });
});

describe('malformed TLS where a ClientHello should be', () => {
  /** A peer that offers STARTTLS and says 220 to it at once (no greeting pause). */
  const starttlsPeer = (socket: Socket) => {
    socket.on('error', () => {});
    socket.write('220 mx.example.jp ESMTP\r\n');
    let text = '';
    socket.on('data', (c: Buffer) => {
      text += c.toString('latin1');
      if (text.includes('EHLO')) {
        text = '';
        socket.write('250-mx.example.jp\r\n250 STARTTLS\r\n');
      } else if (text.includes('STARTTLS')) {
        text = '';
        socket.write('220 Ready to start TLS\r\n');
      }
    });
    socket.on('end', () => socket.end());
  };

  const session = async (garbage: Buffer): Promise<void> => {
    const client = await dial();
    client.on('error', () => {});
    const closed = new Promise((resolve) => client.once('close', resolve));
    let seen = '';
    const waitFor = (text: string) =>
      new Promise<void>((resolve) => {
        const check = () => (seen.includes(text) ? resolve() : client.once('data', (c: Buffer) => ((seen += c.toString('latin1')), check())));
        check();
      });
    await waitFor('220 mx');
    client.write('EHLO x\r\n');
    await waitFor('STARTTLS\r\n');
    client.write('STARTTLS\r\n');
    await waitFor('220 Ready');
    client.end(garbage);
    await closed;
  };

  for (const name of ['tls-downgrade', 'fake-certificate'] as const) {
    it(`${name}: random records, truncated headers and oversized lengths end the connection, nothing else`, async () => {
      await attacker.set(name, {});
      onPeer = starttlsPeer;
      const inputs = [
        randomBytes(300),
        Buffer.from([22, 3, 1, 0xff, 0xff, 1, 2, 3]),
        Buffer.concat([Buffer.from([22, 3, 3, 0, 40, 1, 0, 0, 36]), randomBytes(40)]),
        Buffer.from([23, 3, 3, 0, 5, 1, 2, 3, 4, 5]),
        Buffer.from('GET / HTTP/1.1\r\n\r\n'),
        Buffer.alloc(0),
      ];
      for (const garbage of inputs) await session(garbage);
      // The attacker is still on and relaying.
      expect(attacker.status().active?.name).toBe(name);
      onPeer = (socket) => socket.end('220 after the fuzz\r\n');
      expect((await collect(await dial())).toString()).toBe('220 after the fuzz\r\n');
    });
  }
});
