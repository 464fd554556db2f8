// Which SMTP links an on-path attack sits on: all of them (the sending MTA's, the learner's
// terminal's and the mail checker's way to mx.example.jp), or only one. Added as a parameter to every attack
// that works on the SMTP links.
import type { AttackModule } from './attack-module.ts';
import { CHECKER_NODE, SENDER_NODE, TERMINAL_NODE } from './lab-names.ts';

const LINK_PARAM = {
  name: 'link',
  description: {
    en: 'all: the sending MTA, your terminal and the mail checker → mx.example.jp; sender, terminal or checker: only that one',
    ja: 'all: 送信 MTA・あなたの端末・メールチェッカー → mx.example.jp のすべて、sender／terminal／checker: そのひとつだけ',
  },
  values: ['all', 'sender', 'terminal', 'checker'],
};

const NODE_OF: Record<string, string> = { sender: SENDER_NODE, terminal: TERMINAL_NODE, checker: CHECKER_NODE };

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
