// The vocabularies in the `detail` of policy and attack rows, shared so that a new kind of
// decision or attacker action cannot reach the trace without its text in the UI.

/** What a `policy` row (the sending MTA's decision) is about: detail.decision. */
export type DecisionKind =
  | 'mx'
  | 'mta-sts-discovery'
  | 'mta-sts-fetch'
  | 'mta-sts-mx'
  | 'mta-sts'
  | 'dane'
  | 'address'
  | 'route'
  | 'session'
  | 'transport'
  | 'requiretls'
  | 'fallback'
  | 'result'
  | 'tlsrpt';

/** What an `attack` row says the attacker did: detail.action. */
export type AttackAction = 'on' | 'off' | 'observe' | 'rewrite' | 'refuse' | 'inject' | 'kill' | 'detect' | 'intercept-tls' | 'learn' | 'forge' | 'route' | 'receive';
