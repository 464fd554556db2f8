// Japanese sentences of the engine, area by area; each area has exactly the keys of its English counterpart.
import type { EngineKey } from './en.ts';
import { attack } from './ja/attack.ts';
import { cli } from './ja/cli.ts';
import { delivery } from './ja/delivery.ts';
import { dns } from './ja/dns.ts';
import { policy } from './ja/policy.ts';

export const ja: Record<EngineKey, string> = {
  ...policy,
  ...delivery,
  ...attack,
  ...dns,
  ...cli,
};
