// `lab isp op25b on|off`: the learner's ISP blocks outbound port 25 (engine/network/op25b.ts).
import type { LabNetwork } from '../network/lab-network.ts';
import { op25bFilter } from '../network/op25b.ts';

export interface IspStatus {
  op25b: boolean;
}

const state = new WeakMap<LabNetwork, IspStatus>();

export function ispStatus(network: LabNetwork, op25b?: boolean): IspStatus {
  if (op25b !== undefined) {
    network.setFilter(op25b ? op25bFilter() : null);
    state.set(network, { op25b });
  }
  return { ...(state.get(network) ?? { op25b: false }) };
}
