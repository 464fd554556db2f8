// The part of Electron's API the shell uses, as declared in electron.d.ts (Electron 41). Used only
// to type-check electron/ where the electron package is absent (a plain `npm install` drops it
// when its binary cannot be downloaded); wherever it is installed, its own types are used instead
// (electron/tsconfig.json `paths`), so CI checks the shell against the real API.

interface PreventableEvent {
  preventDefault(): void;
}

export interface WebFrameMain {
  readonly url: string;
}

export interface WebContents {
  readonly mainFrame: WebFrameMain;
  on(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview' | 'did-start-loading', listener: (event: PreventableEvent, ...args: any[]) => void): this;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
  send(channel: string, ...args: any[]): void;
  reload(): void;
}

export interface WebPreferences {
  preload?: string;
  contextIsolation?: boolean;
  sandbox?: boolean;
  nodeIntegration?: boolean;
  nodeIntegrationInWorker?: boolean;
  webSecurity?: boolean;
  allowRunningInsecureContent?: boolean;
  webviewTag?: boolean;
  navigateOnDragDrop?: boolean;
  spellcheck?: boolean;
}

export interface BrowserWindowConstructorOptions {
  width?: number;
  height?: number;
  minWidth?: number;
  minHeight?: number;
  title?: string;
  backgroundColor?: string;
  show?: boolean;
  webPreferences?: WebPreferences;
}

export declare class BrowserWindow {
  constructor(options?: BrowserWindowConstructorOptions);
  readonly webContents: WebContents;
  removeMenu(): void;
  show(): void;
  isDestroyed(): boolean;
  loadFile(filePath: string): Promise<void>;
  on(event: 'closed', listener: () => void): this;
  once(event: 'ready-to-show', listener: () => void): this;
}

export interface IpcMainEvent {
  readonly sender: WebContents;
  readonly senderFrame: WebFrameMain | null;
}

export interface IpcRendererEvent {
  readonly sender: unknown;
}

export declare const app: {
  enableSandbox(): void;
  whenReady(): Promise<void>;
  quit(): void;
  on(event: 'web-contents-created', listener: (event: PreventableEvent, contents: WebContents) => void): unknown;
  on(event: 'window-all-closed' | 'before-quit', listener: () => void): unknown;
};

export declare const ipcMain: {
  on(channel: string, listener: (event: IpcMainEvent, ...args: any[]) => void): unknown;
};

export declare const session: {
  readonly defaultSession: {
    setPermissionRequestHandler(handler: ((contents: WebContents, permission: string, callback: (granted: boolean) => void) => void) | null): void;
    setPermissionCheckHandler(handler: ((contents: WebContents | null, permission: string) => boolean) | null): void;
    readonly webRequest: {
      onBeforeRequest(listener: ((details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void) | null): void;
    };
  };
};

export declare const contextBridge: {
  exposeInMainWorld(apiKey: string, api: any): void;
};

export declare const ipcRenderer: {
  on(channel: string, listener: (event: IpcRendererEvent, ...args: any[]) => void): unknown;
  send(channel: string, ...args: any[]): void;
};
