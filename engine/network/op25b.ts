// Outbound Port 25 Blocking (OP25B, JPNIC/JEAS; M3AAWG "Managing Port 25"): an ISP drops
// connections from its customers' dynamic addresses to port 25 elsewhere, so a customer machine
// cannot deliver mail straight to other networks' MXs (how spam bots did). Mail clients submit on
// port 587 with SMTP AUTH instead (RFC 6409 §3.1). The learner's terminal is that customer.
import { english, text } from '../../common/i18n/text.ts';
import type { LinkFilter } from './lab-network.ts';
import { TERMINAL_NODE } from './lab-hosts.ts';

export const OP25B_ISP = 'isp.example';

export function op25bFilter(): LinkFilter {
  return (spec) => {
    if (spec.from !== TERMINAL_NODE || spec.port !== 25) return null;
    const summaryText = text('traceNote.op25b', { isp: OP25B_ISP, host: spec.to });
    return { by: OP25B_ISP, rule: 'OP25B, RFC 6409 §3.1', summary: english(summaryText), summaryText };
  };
}
