// Lab names and addresses. The addresses come from the documentation ranges (RFC 5737) and
// are labels shown to learners and written into exports; nothing ever dials them.

import { TERMINAL_NODE } from '../../common/i18n/node-names.ts';
import { LAB_ADDRESSES as ZONE_ADDRESSES } from '../dns/zone/lab-zones.ts';

export { TERMINAL_NODE };
export const MX_HOST = 'mx.example.jp';
export const NS_HOST = 'ns.example.jp';
/** The mail checker, a remote tester in the spirit of internet.nl (engine/checker). */
export const CHECKER_NODE = 'checker.example';

/** Every lab host's address: the zone data's, and the learner's terminal (which has no DNS name). */
export const LAB_ADDRESSES: Record<string, string> = {
  [TERMINAL_NODE]: '192.0.2.10',
  [CHECKER_NODE]: '198.51.100.77',
  ...ZONE_ADDRESSES,
};
