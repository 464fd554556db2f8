// The engine as its own process for the desktop shell: started with an IPC channel (fork or
// Electron's utilityProcess), it speaks common/protocol.ts over it; the web API and the run file
// stay up too, so the lab terminal's tools work the same on the desktop.
import type { IpcChannel } from '../../api/ipc-transport.ts';
import { defaultDataDir } from '../../lab/data-dir.ts';

export const summary = 'run the lab for the desktop app, messages over the IPC channel of its parent';

export async function run(): Promise<number> {
  const channel = ipcChannel(process as Parent);
  if (!channel) {
    process.stderr.write('smtp-lab engine needs an IPC channel (run it with child_process.fork or utilityProcess.fork)\n');
    return 2;
  }
  const [{ startLab }, { startLabServer }, { ApiSession }, { serveOverIpc }, { systemLocale }] = await Promise.all([
    import('../../lab/start-lab.ts'),
    import('../lab-server.ts'),
    import('../../api/api-session.ts'),
    import('../../api/ipc-transport.ts'),
    import('../../api/system-locale.ts'),
  ]);
  const lab = await startLab({ dataDir: defaultDataDir() });
  const server = await startLabServer({ lab });
  const locale = systemLocale();
  const ipc = serveOverIpc(channel, (send) => new ApiSession({ lab, ptys: server.ptys, send, systemLocale: locale }));
  channel.send({ ready: server.info });

  await new Promise<void>((resolve) => {
    for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(name, () => resolve());
    // The desktop shell went away: nobody is left to show the lab.
    process.once('disconnect', () => resolve());
  });
  ipc.closeAll();
  await server.close();
  await lab.close();
  return 0;
}

type Parent = NodeJS.Process & { parentPort?: { postMessage(m: unknown): void; on(e: 'message', l: (e: { data: unknown }) => void): void } };

/** Electron's utilityProcess gives process.parentPort; child_process.fork gives process.send. */
function ipcChannel(parent: Parent): IpcChannel | null {
  if (parent.parentPort) {
    const port = parent.parentPort;
    return { send: (m) => port.postMessage(m), onMessage: (listener) => port.on('message', (event) => listener(event.data)) };
  }
  if (typeof parent.send === 'function') {
    return { send: (m) => parent.send!(m), onMessage: (listener) => parent.on('message', listener) };
  }
  return null;
}
