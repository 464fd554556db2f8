// The desktop shell: one window showing the renderer from disk, the engine in its own process,
// and a relay between them. Everything the window may do beyond that is switched off.
import { app, BrowserWindow, ipcMain, session, type IpcMainEvent, type WebContents } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TO_ENGINE, TO_RENDERER } from '../common/desktop-bridge.ts';
import type { ServerMessage } from '../common/protocol.ts';
import { EngineLink } from './engine-link.ts';
import { relayableMessage } from './relay-filter.ts';

/** electron/dist/main.js (one bundle, built by bin/build-electron.js) -> the repository (or packaged app) root. */
const root = join(__dirname, '..', '..');
const rendererFile = join(root, 'dist', 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererFile);

let window: BrowserWindow | null = null;
let engine: EngineLink | null = null;

// A second start is a second lab (its own ports), as with `smtp-lab serve`: no single-instance lock.
app.enableSandbox();

/** Only our own page, in our own window's main frame, may talk to the engine. */
function trustedSender(event: IpcMainEvent): boolean {
  const frame = event.senderFrame;
  if (!window || window.isDestroyed() || event.sender !== window.webContents || !frame) return false;
  if (frame !== window.webContents.mainFrame) return false;
  try {
    const url = new URL(frame.url);
    return url.protocol === 'file:' && url.pathname === rendererUrl.pathname;
  } catch {
    return false;
  }
}

const engineError = (message: string): ServerMessage => ({ type: 'error', message });
const isErrorMessage = (message: unknown) => typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'error';

/**
 * The page listens once it has sent its first message (the bridge registers its listener before
 * saying hello). Errors raised before that (e.g. the engine failed at start) wait for it.
 */
let pageReady = false;
const heldForPage: unknown[] = [];

function toRenderer(message: unknown): void {
  if (window && !window.isDestroyed() && pageReady) window.webContents.send(TO_RENDERER, message);
  else if (isErrorMessage(message) && heldForPage.length < 16) heldForPage.push(message);
}

function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

function createWindow(): void {
  window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'SMTP Lab',
    backgroundColor: '#0d1117',
    show: false,
    webPreferences: {
      preload: join(__dirname, 'preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  window.removeMenu();
  window.once('ready-to-show', () => window?.show());
  window.on('closed', () => {
    window = null;
  });
  window.webContents.on('did-start-loading', () => {
    pageReady = false;
  });

  void window.loadFile(rendererFile);
}

app.on('web-contents-created', (_event, contents) => lockDown(contents));

app.whenReady().then(() => {
  const ses = session.defaultSession;
  // No camera, notifications, clipboard-read, ... for a page that only shows the lab.
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // No remote content: only the renderer's own files (and devtools) load.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = details.url.startsWith('file:') || details.url.startsWith('devtools:') || details.url.startsWith('data:');
    callback({ cancel: !allowed });
  });

  ipcMain.on(TO_ENGINE, (event, value: unknown) => {
    const message = trustedSender(event) ? relayableMessage(value) : null;
    if (!message) return;
    if (!pageReady) {
      pageReady = true;
      for (const held of heldForPage.splice(0)) toRenderer(held);
    }
    engine?.send(message);
  });

  engine = new EngineLink(root, {
    message: toRenderer,
    connected: (first) => {
      // After a lost connection the engine ended that session's terminals: start the page over.
      if (!first && window && !window.isDestroyed()) window.webContents.reload();
    },
    disconnected: () => toRenderer(engineError('connection to the lab engine lost; reconnecting')),
    exited: (reason) => toRenderer(engineError(reason)),
  });
  engine.start();
  createWindow();
});

app.on('window-all-closed', () => app.quit());
app.on('before-quit', () => engine?.stop());
process.on('exit', () => engine?.stop());
