// The only thing the page gets from the desktop shell: window.smtpLab { send, onMessage }.
// Sandboxed, so CommonJS and only the 'electron' module.
import { contextBridge, ipcRenderer } from 'electron';

const TO_ENGINE = 'smtp-lab:to-engine';
const TO_RENDERER = 'smtp-lab:to-renderer';

const listeners: ((message: unknown) => void)[] = [];

ipcRenderer.on(TO_RENDERER, (_event, message: unknown) => {
  for (const listener of listeners) listener(message);
});

contextBridge.exposeInMainWorld('smtpLab', {
  send(message: unknown): void {
    ipcRenderer.send(TO_ENGINE, message);
  },
  onMessage(listener: (message: unknown) => void): void {
    if (typeof listener === 'function') listeners.push(listener);
  },
});
