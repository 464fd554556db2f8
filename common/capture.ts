// A trace exported as a capture (engine/export): what GET /api/capture and the desktop's
// trace.export reply carry.

/** The files of one export: the pcapng base64, the NSS key log as text. */
export interface CaptureReply {
  pcapng: string;
  keylog: string;
  packets: number;
  /** TLS sessions in the capture, and how many of them the key log covers. */
  tlsSessions: number;
  tlsSessionsWithKeys: number;
}

export const CAPTURE_PATH = '/api/capture';
