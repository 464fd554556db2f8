// The engine as a child process: `smtp-lab serve --json --no-open` run by Electron's own Node
// (ELECTRON_RUN_AS_NODE), then its WebSocket API, dialled with the run's token. The main process
// relays between this socket and the window.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** What `serve --json` prints once the lab is up. */
export interface EngineReady {
  url: string;
  token: string;
  ws: string;
  hosts: Record<string, unknown>;
}

export interface EngineLinkEvents {
  /** One engine -> renderer message, already JSON-decoded. */
  message(message: unknown): void;
  /** The API socket is open (again); `first` is false after a reconnection. */
  connected(first: boolean): void;
  /** The socket dropped; the link redials while the engine runs. */
  disconnected(): void;
  /** The engine process ended (or never became ready). */
  exited(reason: string): void;
}

const READY_TIMEOUT_MS = 30_000;
const REDIAL_MS = [250, 500, 1000, 2000, 4000];
/** Renderer messages held while the socket is not open (e.g. before the engine is ready). */
const MAX_QUEUED = 256;

export class EngineLink {
  private child: ChildProcess | null = null;
  private socket: WebSocket | null = null;
  private ready: EngineReady | null = null;
  private queue: string[] = [];
  private attempts = 0;
  private everConnected = false;
  private stopping = false;
  private redialTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly root: string,
    private readonly events: EngineLinkEvents,
  ) {}

  start(): void {
    const child = spawn(process.execPath, [join(this.root, 'bin', 'smtp-lab.js'), 'serve', '--json', '--no-open'], {
      cwd: this.root,
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    this.child = child;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
      process.stderr.write(chunk);
    });
    const timer = setTimeout(() => {
      this.events.exited(`the lab engine did not become ready in ${READY_TIMEOUT_MS / 1000} s`);
      this.stop();
    }, READY_TIMEOUT_MS);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      const ready = parseReady(line);
      if (!ready) {
        this.events.exited(`the lab engine printed something unexpected: ${line.slice(0, 200)}`);
        this.stop();
        return;
      }
      this.ready = ready;
      this.dial();
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      this.child = null;
      if (!this.stopping) this.events.exited(`the lab engine stopped (${signal ?? `exit ${code}`})${stderr ? `: ${stderr.trim().split('\n').pop()}` : ''}`);
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      if (!this.stopping) this.events.exited(`the lab engine could not start: ${error.message}`);
    });
  }

  /** A renderer message, already validated for shape; JSON on the wire. */
  send(message: unknown): void {
    const json = JSON.stringify(message);
    const socket = this.socket;
    if (socket && globalThis.WebSocket && socket.readyState === globalThis.WebSocket.OPEN) socket.send(json);
    else if (this.queue.length < MAX_QUEUED) this.queue.push(json);
  }

  /** Closes the socket and ends the engine (it closes every lab socket and terminal on SIGTERM). */
  stop(): void {
    this.stopping = true;
    clearTimeout(this.redialTimer);
    this.socket?.close();
    this.socket = null;
    const child = this.child;
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 3000);
      force.unref();
      child.once('exit', () => clearTimeout(force));
    }
  }

  private dial(): void {
    if (this.stopping || !this.ready) return;
    const WebSocketClass = globalThis.WebSocket;
    if (!WebSocketClass) {
      this.events.exited('this Electron has no WebSocket client');
      return;
    }
    const socket = new WebSocketClass(`${this.ready.ws}?token=${encodeURIComponent(this.ready.token)}`);
    this.socket = socket;
    socket.onopen = () => {
      this.attempts = 0;
      const first = !this.everConnected;
      this.everConnected = true;
      // Held messages belong to the session that was lost; after a reconnection the window starts over.
      const held = first ? this.queue : [];
      this.queue = [];
      for (const json of held) socket.send(json);
      this.events.connected(first);
    };
    socket.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      try {
        this.events.message(JSON.parse(event.data));
      } catch {
        // Not JSON: not ours.
      }
    };
    socket.onerror = () => {};
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (this.stopping || !this.child) return;
      if (this.everConnected) this.events.disconnected();
      const delay = REDIAL_MS[Math.min(this.attempts++, REDIAL_MS.length - 1)];
      this.redialTimer = setTimeout(() => this.dial(), delay);
    };
  }
}

function parseReady(line: string): EngineReady | null {
  try {
    const value = JSON.parse(line) as Partial<EngineReady>;
    if (typeof value.ws === 'string' && typeof value.token === 'string' && value.ws.startsWith('ws://127.0.0.1:')) {
      return { url: String(value.url), token: value.token, ws: value.ws, hosts: value.hosts ?? {} };
    }
  } catch {
    // Falls through.
  }
  return null;
}
