// One lab for a test file: the real receiver, DNS, policy host and sending MTA on 127.0.0.1.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OutboundMessage, SendRequest } from '../../../../../common/sender.ts';
import { defaultReceiverConfig } from '../../../../../engine/nodes/receiver/receiver-config.ts';
import { startLab, type StartedLab } from '../../../../../engine/lab/start-lab.ts';
import type { CertVariant } from '../../../../../engine/pki/lab-pki.ts';

/** valid: the lab leaf alone; full-chain: the lab leaf followed by the lab CA. */
export type ReceiverKind = 'no-starttls' | 'valid' | 'full-chain' | CertVariant;

export interface SenderLab {
  lab: StartedLab;
  send(request: Partial<SendRequest>): Promise<OutboundMessage>;
  receiverAs(kind: ReceiverKind): Promise<void>;
  close(): Promise<void>;
}

export async function startSenderLab(): Promise<SenderLab> {
  const dataDir = mkdtempSync(join(tmpdir(), 'smtp-lab-sender-'));
  const lab = await startLab({ dataDir });
  const baseTls = defaultReceiverConfig().tls;
  return {
    lab,
    async send(request) {
      const submitted = lab.sender.submit({ from: 'alice@sender.example', to: ['bob@example.jp'], subject: 'test', body: 'hello\n', policy: 'opportunistic', ...request });
      if (!submitted.ok) throw new Error(submitted.message);
      return lab.sender.settled(submitted.message.id);
    },
    async receiverAs(kind) {
      if (kind === 'no-starttls') return lab.receiver.setTls({ ...baseTls, enabled: false });
      if (kind === 'valid') return lab.receiver.setTls(baseTls);
      if (kind === 'full-chain') return lab.receiver.setTls({ ...baseTls, certificate: await lab.pki.fullChain('mx.example.jp') });
      lab.receiver.setTls({ ...baseTls, certificate: await lab.pki.variant('mx.example.jp', kind) });
    },
    async close() {
      await lab.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const lastAttempt = (message: OutboundMessage) => message.attempts[message.attempts.length - 1];
