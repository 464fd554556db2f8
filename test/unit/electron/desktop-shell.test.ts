// The desktop shell loaded against a stub of the `electron` module (no binary needed): what it
// relays to the engine, whom it listens to, and how it locks the window down.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import type { BuildOptions } from 'esbuild';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { TO_ENGINE, TO_RENDERER, type SmtpLabBridge } from '../../../common/desktop-bridge.ts';
import { CLIENT_TYPES, type ClientMessage, type ServerMessage } from '../../../common/protocol.ts';
import { FakeEvent, FakeWebContents } from './electron-stub.ts';

const root = resolve(import.meta.dirname, '../../..');

const stub = await vi.hoisted(async () => (await import('./electron-stub.ts')).createElectronStub());
const engineSent = vi.hoisted((): unknown[] => []);

vi.mock('electron', () => stub.module);
vi.mock('../../../electron/engine-link.ts', () => ({
  EngineLink: class {
    start(): void {}
    stop(): void {}
    send(message: unknown): void {
      engineSent.push(message);
    }
  },
}));

/**
 * One well-formed message of every type. Typed over ClientMessage['type'], so a type added to the
 * protocol without a sample here fails the type check, and the test below fails at run time.
 */
const SAMPLES: { [T in ClientMessage['type']]: Extract<ClientMessage, { type: T }> } = {
  hello: { type: 'hello' },
  'pty.open': { type: 'pty.open', cols: 80, rows: 24 },
  'pty.input': { type: 'pty.input', id: 1, data: 'EHLO learner.example\r' },
  'pty.resize': { type: 'pty.resize', id: 1, cols: 100, rows: 30 },
  'pty.ack': { type: 'pty.ack', id: 1, bytes: 512 },
  'pty.close': { type: 'pty.close', id: 1 },
  'pty.locale': { type: 'pty.locale', id: 1, locale: 'ja' },
  'trace.clear': { type: 'trace.clear' },
  'dmarc.flush': { type: 'dmarc.flush' },
  'trace.export': { type: 'trace.export', flows: ['f6'] },
  'trace.older': { type: 'trace.older', before: 120 },
  'mailbox.older': { type: 'mailbox.older', before: 'm7' },
  'dns.zones': { type: 'dns.zones' },
  'dns.edit': { type: 'dns.edit', op: 'add', zone: 'example.jp', name: 'www', rrtype: 'A', ttl: 300, value: '192.0.2.80' },
  'dns.mode': { type: 'dns.mode', zone: 'example.jp', mode: 'bad-signature' },
  'dns.query': { type: 'dns.query', name: 'example.jp', rrtype: 'MX', validate: true },
  'send.submit': {
    type: 'send.submit',
    request: { from: 'alice@sender.example', to: ['bob@example.jp'], subject: 'Hi', body: 'Hello', policy: 'dane', requireTls: true },
  },
  'send.retry': { type: 'send.retry', id: 'q1' },
  'policy.set': { type: 'policy.set', domain: 'example.jp', text: 'version: STSv1\nmode: enforce\n', lesson: null },
  'tlsrpt.flush': { type: 'tlsrpt.flush' },
  'attack.set': { type: 'attack.set', name: 'strip-starttls', params: { link: 'sender' } },
  'attack.off': { type: 'attack.off' },
  'checker.run': { type: 'checker.run', domain: 'example.jp' },
  'postconf.edit': { type: 'postconf.edit', assignments: ['smtpd_tls_protocols = >=TLSv1'] },
  'postconf.reset': { type: 'postconf.reset' },
  'labs.list': { type: 'labs.list' },
  'lab.open': { type: 'lab.open', id: 'strip-starttls' },
  'lab.reset': { type: 'lab.reset', id: 'strip-starttls' },
  'lab.progress.reset': { type: 'lab.progress.reset', id: 'strip-starttls' },
  'lab.quiz.answer': { type: 'lab.quiz.answer', id: 'strip-starttls', question: 'q1', choice: 'b' },
  'matrix.run': { type: 'matrix.run' },
  'run.open': { type: 'run.open', id: 'm1a2b3c.fake-certificate.dane' },
  'compare.run': { type: 'compare.run', run: 'm1a2b3c.fake-certificate.dane', toggle: 'sender.policy=dane' },
  'scenarios.list': { type: 'scenarios.list' },
};

/** The other shapes a type has, relayed as well. */
const VARIANTS: ClientMessage[] = [
  { type: 'postconf.edit', text: 'smtpd_tls_security_level = may\n' },
  { type: 'compare.run', scenario: 'strip-starttls-vs-opportunistic', toggle: 'main.cf+=smtpd_tls_protocols = >=TLSv1.2' },
];

let window: (typeof stub.windows)[number];
let relay: (event: unknown, message: unknown) => void;

/** An IPC event as Electron builds it for a message from the window's own main frame. */
const fromPage = () => ({ sender: window.webContents, senderFrame: window.webContents.mainFrame });

function relayed(message: unknown, event: unknown = fromPage()): unknown[] {
  engineSent.length = 0;
  relay(event, message);
  return [...engineSent];
}

beforeAll(async () => {
  const mainModule = '../../../electron/main.ts';
  await import(/* @vite-ignore */ mainModule);
  // app.whenReady() resolved: the window and the relay are set up on the next turn.
  await new Promise((done) => setTimeout(done, 0));
  window = stub.windows[0];
  relay = stub.ipcMainHandlers.get(TO_ENGINE)! as typeof relay;
});

describe('the relay from the page to the engine', () => {
  it('has a sample for every message type the protocol accepts', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...CLIENT_TYPES].sort());
  });

  it.each([...Object.values(SAMPLES), ...VARIANTS].map((message) => [message.type, message]))('relays %s', (_type, message) => {
    expect(relayed(message)).toEqual([message]);
  });

  it('drops a message of an unknown type, a malformed one, and fields the protocol does not know', () => {
    expect(relayed({ type: 'shell.exec', command: 'id' })).toEqual([]);
    expect(relayed({ type: 'pty.resize', id: 1, cols: 'wide', rows: 30 })).toEqual([]);
    expect(relayed({ type: 'compare.run', scenario: '../labs/01-smtp-by-hand/lab', toggle: 'sender.policy=dane' })).toEqual([]);
    expect(relayed('{"type":"hello"}')).toEqual([]);
    expect(relayed([{ type: 'hello' }])).toEqual([]);
    expect(relayed({ type: 'pty.input', id: 1, data: 'x'.repeat((1 << 20) + 1) })).toEqual([]);
    expect(relayed({ type: 'hello', extra: 1 })).toEqual([{ type: 'hello' }]);
  });

  it('drops what does not come from the main frame of its own window showing the bundled page', () => {
    const hello = { type: 'hello' };
    expect(relayed(hello, { sender: new FakeWebContents(window.webContents.mainFrame.url), senderFrame: window.webContents.mainFrame })).toEqual([]);
    expect(relayed(hello, { sender: window.webContents, senderFrame: { url: window.webContents.mainFrame.url } })).toEqual([]);
    expect(relayed(hello, { sender: window.webContents, senderFrame: null })).toEqual([]);
    const page = window.webContents.mainFrame.url;
    try {
      window.webContents.mainFrame.url = 'https://attacker.example/index.html';
      expect(relayed(hello)).toEqual([]);
      window.webContents.mainFrame.url = new URL('other.html', page).href;
      expect(relayed(hello)).toEqual([]);
    } finally {
      window.webContents.mainFrame.url = page;
    }
    expect(relayed(hello)).toEqual([hello]);
  });
});

describe('the window', () => {
  it('isolates the page: context isolation, sandbox, no Node, only the preload bridge', () => {
    expect(stub.record.sandboxEnabled).toBe(true);
    const prefs = window.options.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
    expect(prefs.preload).toMatch(/preload\.js$/);
    expect(window.loadedFile).toMatch(/dist[/\\]renderer[/\\]index\.html$/);
  });

  it('blocks navigation, redirects, webviews and new windows in every web contents', () => {
    const contents = new FakeWebContents();
    for (const created of stub.appHandlers.get('web-contents-created') ?? []) created(new FakeEvent(), contents);
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const attempt = new FakeEvent();
      contents.emit(event, attempt, 'https://attacker.example/');
      expect(attempt.prevented, event).toBe(true);
    }
    expect(contents.windowOpenHandler?.({ url: 'https://attacker.example/' })).toEqual({ action: 'deny' });
  });

  it('denies every permission and every request that is not a local file', () => {
    const answers: boolean[] = [];
    stub.record.permissionRequest!(window.webContents, 'media', (granted: boolean) => answers.push(granted));
    stub.record.permissionRequest!(window.webContents, 'clipboard-read', (granted: boolean) => answers.push(granted));
    expect(answers).toEqual([false, false]);
    expect(stub.record.permissionCheck!(window.webContents, 'notifications')).toBe(false);
    const cancelled = (url: string) => {
      let answer: { cancel?: boolean } = {};
      stub.record.beforeRequest!({ url }, (response: { cancel?: boolean }) => (answer = response));
      return answer.cancel;
    };
    expect(cancelled('https://example.com/x.js')).toBe(true);
    expect(cancelled('ws://127.0.0.1:9/')).toBe(true);
    expect(cancelled(window.webContents.mainFrame.url)).toBe(false);
  });

  it('loads a page whose Content-Security-Policy allows only its own scripts', () => {
    const html = readFileSync(resolve(root, 'renderer/index.html'), 'utf8');
    const csp = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
  });
});

describe('the preload bridge', () => {
  it('exposes only send and onMessage, over the two channels', async () => {
    const preloadModule = '../../../electron/preload.ts';
    await import(/* @vite-ignore */ preloadModule);
    expect([...stub.record.exposed.keys()]).toEqual(['smtpLab']);
    const bridge = stub.record.exposed.get('smtpLab') as SmtpLabBridge;
    expect(Object.keys(bridge).sort()).toEqual(['onMessage', 'send']);

    bridge.send(SAMPLES['pty.input']);
    expect(stub.record.rendererSent).toEqual([{ channel: TO_ENGINE, args: [SAMPLES['pty.input']] }]);

    const received: ServerMessage[] = [];
    bridge.onMessage((message) => received.push(message));
    const message: ServerMessage = { type: 'error', message: 'engine stopped' };
    stub.rendererHandlers.get(TO_RENDERER)!({ sender: null }, message);
    expect(received).toEqual([message]);
  });
});

describe('the built shell', () => {
  it('bundles main and preload into CommonJS; the sandboxed preload requires nothing but electron', async () => {
    const { build } = await import('esbuild');
    const buildScript = '../../../bin/build-electron.js';
    const { buildOptions } = (await import(/* @vite-ignore */ buildScript)) as { buildOptions(): BuildOptions };
    const result = await build({ ...buildOptions(), write: false, sourcemap: false });
    const bundle = (name: string) => result.outputFiles!.find((file) => file.path.endsWith(name))!.text;
    const requires = (text: string) => [...new Set([...text.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]))].sort();
    expect(requires(bundle('preload.js'))).toEqual(['electron']);
    expect(requires(bundle('main.js')).filter((name) => !builtinModules.includes(name.replace(/^node:/, '')))).toEqual(['electron']);
    expect(bundle('main.js')).toContain('trace.clear');
  });
});
