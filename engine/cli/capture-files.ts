// --pcap FILE and --keylog FILE of `smtp-lab send` and `smtp-lab run`: the run's connections as a
// pcapng capture with lab addresses, and the NSS key log that decrypts its TLS parts in Wireshark.

import { writeFileSync } from 'node:fs';
import type { CaptureReply } from '../../common/capture.ts';
import { text as sentence } from '../../common/i18n/text.ts';
import { say } from './cli-locale.ts';

export interface CaptureFiles {
  pcap?: string;
  keylog?: string;
}

/** The --pcap and --keylog lines of a usage, explained in the CLI's language. */
export function captureUsage(): string {
  return `  --pcap FILE     ${say(sentence('captureUsage.pcap'))}\n  --keylog FILE   ${say(sentence('captureUsage.keylog'))}\n`;
}

export const wantsCapture = (files: CaptureFiles): boolean => files.pcap !== undefined || files.keylog !== undefined;

/** Writes the files asked for; returns the lines that say what was written, in the CLI's language. */
export function writeCaptureFiles(files: CaptureFiles, capture: { pcapng: Buffer | string; keylog: string; packets: number; tlsSessions: number; tlsSessionsWithKeys: number }): string[] {
  const said: string[] = [];
  if (files.pcap !== undefined) {
    writeFileSync(files.pcap, typeof capture.pcapng === 'string' ? Buffer.from(capture.pcapng, 'base64') : capture.pcapng);
    said.push(say(sentence('cliCapture.pcap', { packets: capture.packets, file: files.pcap })));
  }
  if (files.keylog !== undefined) {
    writeFileSync(files.keylog, capture.keylog, { mode: 0o600 });
    said.push(say(sentence('cliCapture.keylog', { keyed: capture.tlsSessionsWithKeys, sessions: capture.tlsSessions, file: files.keylog })));
  }
  return said;
}

export type { CaptureReply };
