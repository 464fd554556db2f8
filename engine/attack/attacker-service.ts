// What the on-path attacker offers the lab's front ends.
import type { AttackInfo, AttackName, AttackStatus } from '../../common/attack.ts';
import type { Text } from '../../common/i18n/text.ts';

export type AttackSetResult = { ok: true; status: AttackStatus } | { ok: false; message: string; messageText?: Text };

export interface AttackerService {
  list(): AttackInfo[];
  status(): AttackStatus;
  /** Switches the attacker on (replacing any attack that was on); a bad parameter is refused. */
  set(name: AttackName, params: Record<string, string>): Promise<AttackSetResult>;
  off(): Promise<AttackStatus>;
  subscribe(listener: (status: AttackStatus) => void): () => void;
}
