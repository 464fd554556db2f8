// The desktop transport: envelopes per renderer routed to their own ApiSession.
import { describe, expect, it } from 'vitest';
import { ApiSession } from '../../../engine/api/api-session.ts';
import { serveOverIpc, type IpcOutbound } from '../../../engine/api/ipc-transport.ts';
import { fakeLab } from './fake-lab.ts';

describe('serveOverIpc', () => {
  it('gives each renderer its own session and drops it when the renderer closes', () => {
    const lab = fakeLab('/nowhere');
    const out: IpcOutbound[] = [];
    let deliver: (m: unknown) => void = () => {};
    const created: ApiSession[] = [];
    const ipc = serveOverIpc({ send: (m) => out.push(m), onMessage: (l) => (deliver = l) }, (send) => {
      const session = new ApiSession({ lab, ptys: null, send, systemLocale: 'en' });
      created.push(session);
      return session;
    });
    deliver({ session: 1, message: { type: 'hello' } });
    deliver({ session: 2, message: { type: 'bogus' } });
    deliver({ session: 'x', message: { type: 'hello' } });
    deliver(null);
    expect(out).toMatchObject([
      { session: 1, message: { type: 'welcome', systemLocale: 'en' } },
      { session: 2, message: { type: 'error' } },
    ]);
    deliver({ session: 1, closed: true });
    lab.deliver({ id: '1' } as never);
    expect(out).toHaveLength(2);
    ipc.closeAll();
    expect(created).toHaveLength(2);
  });
});
