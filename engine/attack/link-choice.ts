// Which SMTP links an on-path attack sits on: both (the sending MTA's and the learner's
// terminal's way to mx.example.jp), or only one of them. Added as a parameter to every attack
// that works on the SMTP links.
import type { AttackModule } from './attack-module.ts';
import { SENDER_NODE, TERMINAL_NODE } from './lab-names.ts';

const LINK_PARAM = {
  name: 'link',
  description: {
    en: 'all: the sending MTA → mx.example.jp and your terminal → mx.example.jp; sender or terminal: only that one',
    ja: 'all: 送信 MTA → mx.example.jp とあなたの端末 → mx.example.jp の両方、sender／terminal: その片方だけ',
  },
  values: ['all', 'sender', 'terminal'],
};

const NODE_OF: Record<string, string> = { sender: SENDER_NODE, terminal: TERMINAL_NODE };

export function withLinkChoice(module: AttackModule): AttackModule {
  return {
    info: { ...module.info, params: [...module.info.params, LINK_PARAM] },
    start(run) {
      const node = NODE_OF[run.params.link ?? 'all'];
      if (!node) return module.start(run);
      const ctx = { ...run.ctx, smtpLinks: () => run.ctx.smtpLinks().filter((link) => link.spec.from === node) };
      return module.start({ ...run, ctx });
    },
  };
}
