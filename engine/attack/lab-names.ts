// The attacker's names in the lab: its receiving MTA and the lab address it answers at
// (engine/dns/zone/lab-zones.ts), and the node ids of the links it sits on.

import { LAB_ADDRESSES } from '../dns/zone/lab-zones.ts';
import { CHECKER_NODE, MX_HOST, TERMINAL_NODE } from '../network/lab-hosts.ts';
import { SENDER_NODE } from '../nodes/sender/mta/policy-trace.ts';

export const ATTACKER_MX = 'mail.attacker.example';
export const ATTACKER_ADDRESS = LAB_ADDRESSES[ATTACKER_MX];
export const VICTIM_DOMAIN = 'example.jp';
export { CHECKER_NODE, MX_HOST, SENDER_NODE, TERMINAL_NODE };
export { linkName } from '../../common/i18n/node-names.ts';
