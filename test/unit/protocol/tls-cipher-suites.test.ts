// Cipher suite names against two real oracles: OpenSSL's table of standard (RFC/IANA) names, and
// the ClientHellos that openssl s_client and Node actually send, read by the lab's own parser.
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { parseClientHello } from '../../../engine/protocol/tls-hello.ts';
import { CIPHER_SUITE_NAMES } from '../../../engine/protocol/tls-cipher-suites.ts';
import { cipherSuiteName } from '../../../engine/protocol/tls-names.ts';

/** Every suite this OpenSSL knows: [code, standard name]. */
function opensslSuites(): [number, string][] {
  const out = spawnSync('openssl', ['ciphers', '-V', '-stdname', 'ALL:COMPLEMENTOFALL:@SECLEVEL=0'], { encoding: 'utf8' });
  expect(out.status, out.stderr).toBe(0);
  return out.stdout
    .split('\n')
    .map((line) => /^\s*0x([0-9A-F]{2}),0x([0-9A-F]{2}) - (\S+)/.exec(line))
    .filter((m) => m !== null)
    .map((m) => [parseInt(m[1] + m[2], 16), m[3]]);
}

/** The first ClientHello a client sends to a listener on 127.0.0.1. */
async function captureClientHello(dial: (port: number) => () => void): Promise<Buffer> {
  let stopClient = () => {};
  const hello = await new Promise<Buffer>((resolve, reject) => {
    const server = createServer((socket) => {
      let data = Buffer.alloc(0);
      socket.on('data', (chunk) => {
        data = Buffer.concat([data, chunk]);
        // One handshake record: 5-byte record header, then a 4-byte handshake header.
        if (data.length >= 5 && data.length >= 5 + data.readUInt16BE(3)) {
          socket.destroy();
          server.close();
          resolve(data.subarray(9, 5 + data.readUInt16BE(3)));
        }
      });
      socket.on('error', () => {});
    });
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      stopClient = dial((server.address() as AddressInfo).port);
    });
  });
  stopClient();
  return hello;
}

describe('cipher suite names', () => {
  it('name every suite OpenSSL knows exactly as its standard name', () => {
    const suites = opensslSuites();
    expect(suites.length).toBeGreaterThan(100);
    const wrong = suites.filter(([code, name]) => CIPHER_SUITE_NAMES[code] !== name).map(([code, name]) => `0x${code.toString(16)}: ${CIPHER_SUITE_NAMES[code]} vs ${name}`);
    expect(wrong).toEqual([]);
  });

  it('are well-formed registry names, one per code point', () => {
    const names = Object.values(CIPHER_SUITE_NAMES);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^TLS_[A-Za-z0-9_]+$/);
    expect(cipherSuiteName(0x0a0a)).toBe('GREASE');
    expect(cipherSuiteName(0xfeff)).toBe('0xfeff');
  });

  it('leave no suite of an openssl s_client ClientHello offering everything as a raw code', async () => {
    const body = await captureClientHello((port) => {
      const child = spawn('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, '-cipher', 'ALL:COMPLEMENTOFALL:@SECLEVEL=0', '-tls1_2'], {
        stdio: ['pipe', 'ignore', 'ignore'],
      });
      return () => child.kill();
    });
    const hello = parseClientHello(body);
    expect(hello.cipherSuites.length).toBeGreaterThan(60);
    expect(hello.cipherSuites.filter((name) => name.startsWith('0x'))).toEqual([]);
  });

  it('leave no suite of Node’s default ClientHello as a raw code', async () => {
    const body = await captureClientHello((port) => {
      const socket = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false });
      socket.on('error', () => {});
      return () => socket.destroy();
    });
    const hello = parseClientHello(body);
    expect(hello.cipherSuites).toContain('TLS_AES_256_GCM_SHA384');
    expect(hello.cipherSuites.filter((name) => name.startsWith('0x'))).toEqual([]);
  });
});
