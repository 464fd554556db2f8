// The attacks the attacker knows, in the order the UI lists them (common/attack.ts ATTACK_NAMES).

import type { AttackModule } from './attack-module.ts';
import { withLinkChoice } from './link-choice.ts';
import { dnsSpoof } from './attacks/dns-spoof.ts';
import { eavesdrop } from './attacks/eavesdrop.ts';
import { fakeCertificate } from './attacks/fake-certificate.ts';
import { impostor } from './attacks/impostor.ts';
import { starttlsInjection } from './attacks/starttls-injection.ts';
import { stripStarttls } from './attacks/strip-starttls.ts';
import { tlsDowngrade } from './attacks/tls-downgrade.ts';
import { forward } from './attacks/forward.ts';
import { headerEdit } from './attacks/header-edit.ts';
import { mailingList } from './attacks/mailing-list.ts';
import { spoofFrom } from './attacks/spoof-from.ts';

// The attacks that sit on the SMTP links can be put on one of them only.
export const ATTACK_MODULES: readonly AttackModule[] = [
  ...[eavesdrop, stripStarttls, starttlsInjection, tlsDowngrade, fakeCertificate].map(withLinkChoice),
  dnsSpoof,
  impostor,
  // The attacker's MTA as a hop between the sender and mx.example.jp (engine/attack/hop).
  spoofFrom,
  forward,
  mailingList,
  headerEdit,
];
