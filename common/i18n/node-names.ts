// Lab nodes as a person reads them in a sentence: the learner's terminal by the name the trace
// columns give it ("your terminal", 「あなたの端末」); every other node by its host name, which is
// the same in every language.
import { text, type Text } from './text.ts';

/** The node id of the learner's terminal (it has no DNS name). */
export const TERMINAL_NODE = 'terminal';

const LINK_ARROW = ' → ';

/** A node id, as a sentence names it. */
export function nodeText(id: string): Text | string {
  return id === TERMINAL_NODE ? text('node.terminal') : id;
}

/** How a link reads in the status and the trace, e.g. "terminal → mx.example.jp:25": node ids, kept as data. */
export function linkName(spec: { from: string; to: string; port: number }): string {
  return `${spec.from}${LINK_ARROW}${spec.to}:${spec.port}`;
}

/** A link written by linkName, its ends named as a sentence names them ("your terminal → mx.example.jp:25"). */
export function linkText(link: string): Text | string {
  const at = link.indexOf(LINK_ARROW);
  if (at <= 0) return link;
  return text('node.link', { from: nodeText(link.slice(0, at)), to: link.slice(at + LINK_ARROW.length) });
}
