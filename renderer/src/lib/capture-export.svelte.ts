// The trace toolbar's Export: asks the engine for the trace (or one connection) as pcapng with its
// TLS key log (trace.export, the same on the desktop and in a browser), then offers both files as
// downloads the presenter clicks. The Matrix tab exports a cell's kept run the same way.

import type { CaptureReply } from '../../../common/capture.ts';
import type { ClientMessage, ServerMessage } from '../../../common/protocol.ts';

export type CaptureMessage = Extract<ServerMessage, { type: 'trace.export' }>;

export interface CaptureFiles {
  summary: Pick<CaptureReply, 'packets' | 'tlsSessions' | 'tlsSessionsWithKeys'>;
  pcapUrl: string;
  pcapName: string;
  keylogUrl: string;
  keylogName: string;
}

/** File names for an export made at `at`, of one flow or of the whole trace (or of a kept run). */
export function captureNames(at: Date, flow: string | null): { pcap: string; keylog: string } {
  const stamp = at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const base = `smtp-lab-${stamp}${flow ? `-${flow}` : ''}`;
  return { pcap: `${base}.pcapng`, keylog: `${base}-keylog.txt` };
}

function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export class CaptureExport {
  working = $state(false);
  files = $state.raw<CaptureFiles | null>(null);
  unavailable = $state(false);
  /** The kept run the files are of (a Matrix cell's), or null for the live trace. */
  run = $state<string | null>(null);
  private flow: string | null = null;

  constructor(private readonly send: (message: ClientMessage) => void) {}

  request(flow: string | null): void {
    this.discard();
    this.flow = flow;
    this.run = null;
    this.working = true;
    this.unavailable = false;
    this.send(flow ? { type: 'trace.export', flows: [flow] } : { type: 'trace.export' });
  }

  requestRun(run: string): void {
    this.discard();
    this.flow = null;
    this.run = run;
    this.working = true;
    this.unavailable = false;
    this.send({ type: 'trace.export', run });
  }

  receive(message: CaptureMessage): void {
    this.working = false;
    if (!message.capture) {
      this.unavailable = true;
      return;
    }
    const names = captureNames(new Date(), this.run ?? this.flow);
    const { packets, tlsSessions, tlsSessionsWithKeys } = message.capture;
    this.files = {
      summary: { packets, tlsSessions, tlsSessionsWithKeys },
      pcapUrl: URL.createObjectURL(new Blob([base64Bytes(message.capture.pcapng)], { type: 'application/vnd.tcpdump.pcap' })),
      pcapName: names.pcap,
      keylogUrl: URL.createObjectURL(new Blob([message.capture.keylog], { type: 'text/plain' })),
      keylogName: names.keylog,
    };
  }

  failed(): void {
    this.working = false;
  }

  discard(): void {
    if (this.files) {
      URL.revokeObjectURL(this.files.pcapUrl);
      URL.revokeObjectURL(this.files.keylogUrl);
    }
    this.files = null;
    this.unavailable = false;
  }
}
