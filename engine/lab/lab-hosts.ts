// Lab names and addresses. The addresses come from the documentation ranges (RFC 5737) and
// are labels shown to learners and written into exports; nothing ever dials them.

export const TERMINAL_NODE = 'terminal';
export const MX_HOST = 'mx.example.jp';
export const NS_HOST = 'ns.example.jp';

export const LAB_ADDRESSES: Record<string, string> = {
  [TERMINAL_NODE]: '192.0.2.10',
  [MX_HOST]: '192.0.2.25',
  [NS_HOST]: '192.0.2.53',
};
