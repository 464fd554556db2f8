// A stand-in for the `electron` module that records what the shell asks of it, so the main process
// and the preload can be loaded and driven without the Electron binary.

export type Listener = (...args: any[]) => unknown;

export class FakeEvent {
  prevented = false;
  preventDefault(): void {
    this.prevented = true;
  }
}

export class FakeWebContents {
  readonly handlers = new Map<string, Listener[]>();
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: Listener | null = null;
  readonly mainFrame: { url: string };

  constructor(url = '') {
    this.mainFrame = { url };
  }

  on(event: string, listener: Listener): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), listener]);
    return this;
  }

  emit(event: string, ...args: unknown[]): void {
    for (const listener of this.handlers.get(event) ?? []) listener(...args);
  }

  setWindowOpenHandler(handler: Listener): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }

  reload(): void {}
}

export function createElectronStub() {
  const appHandlers = new Map<string, Listener[]>();
  const ipcMainHandlers = new Map<string, Listener>();
  const rendererHandlers = new Map<string, Listener>();
  const windows: FakeBrowserWindow[] = [];
  const record = {
    sandboxEnabled: false,
    permissionRequest: null as Listener | null,
    permissionCheck: null as Listener | null,
    beforeRequest: null as Listener | null,
    exposed: new Map<string, unknown>(),
    rendererSent: [] as { channel: string; args: unknown[] }[],
  };

  class FakeBrowserWindow {
    readonly webContents = new FakeWebContents();
    loadedFile: string | null = null;
    constructor(readonly options: Record<string, any>) {
      windows.push(this);
    }
    removeMenu(): void {}
    show(): void {}
    isDestroyed(): boolean {
      return false;
    }
    on(): this {
      return this;
    }
    once(): this {
      return this;
    }
    loadFile(file: string): Promise<void> {
      this.loadedFile = file;
      this.webContents.mainFrame.url = new URL(`file://${file}`).href;
      return Promise.resolve();
    }
  }

  const module = {
    app: {
      enableSandbox: () => {
        record.sandboxEnabled = true;
      },
      whenReady: () => Promise.resolve(),
      quit: () => {},
      on: (event: string, listener: Listener) => appHandlers.set(event, [...(appHandlers.get(event) ?? []), listener]),
    },
    BrowserWindow: FakeBrowserWindow,
    ipcMain: { on: (channel: string, listener: Listener) => ipcMainHandlers.set(channel, listener) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Listener) => (record.permissionRequest = handler),
        setPermissionCheckHandler: (handler: Listener) => (record.permissionCheck = handler),
        webRequest: { onBeforeRequest: (listener: Listener) => (record.beforeRequest = listener) },
      },
    },
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => record.exposed.set(key, api) },
    ipcRenderer: {
      on: (channel: string, listener: Listener) => rendererHandlers.set(channel, listener),
      send: (channel: string, ...args: unknown[]) => record.rendererSent.push({ channel, args }),
    },
  };

  return { module, record, windows, appHandlers, ipcMainHandlers, rendererHandlers };
}
