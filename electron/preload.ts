// The only thing the page gets from the desktop shell: window.smtpLab, typed by the same contract
// as the WebSocket (common/desktop-bridge.ts). Sandboxed, so one CommonJS bundle that requires
// only 'electron'; the main process checks every message before the engine sees it.
import { contextBridge, ipcRenderer } from 'electron';
import { TO_ENGINE, TO_RENDERER, type SmtpLabBridge } from '../common/desktop-bridge.ts';
import type { ServerMessage } from '../common/protocol.ts';

const listeners: ((message: ServerMessage) => void)[] = [];

ipcRenderer.on(TO_RENDERER, (_event, message: ServerMessage) => {
  for (const listener of listeners) listener(message);
});

const bridge: SmtpLabBridge = {
  send(message) {
    ipcRenderer.send(TO_ENGINE, message);
  },
  onMessage(listener) {
    if (typeof listener === 'function') listeners.push(listener);
  },
};

contextBridge.exposeInMainWorld('smtpLab', bridge);
