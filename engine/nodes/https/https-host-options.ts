// What every HTTPS lab host (the MTA-STS policy host, the TLS-RPT collector) is started with.
import type { TraceEvent } from '../../../common/trace.ts';
import type { IssuedPem } from '../../pki/issue.ts';

export interface HttpsHostOptions {
  /** The name whose certificate is presented when the client sends no SNI, e.g. "mta-sts.example.jp". */
  defaultHostname: string;
  /** The certificate presented for a server name; the lab uses (name) => pki.leaf(name). Asked only for lab names (lab-server-names.ts). */
  certificateFor(servername: string): Promise<IssuedPem>;
  emit?: (event: Omit<TraceEvent, 'seq' | 't'>) => void;
  /** Hands out trace flow ids, one per connection. */
  nextFlow?: () => string;
  /** Lab port shown in the trace (443). */
  labPort?: number;
  /** The lab link a connection came through, by its remote port (engine/network), so rows join the relay's flow. */
  flowOfRemotePort?: (port: number) => { flow: string; link: { from: string; to: string; port?: number } } | undefined;
  /** Receives the TLS secrets of every connection (NSS key log lines), for capture exports. */
  keylog?: (line: Buffer) => void;
}
