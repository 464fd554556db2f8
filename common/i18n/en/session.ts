// English sentences a learner reads when the lab refuses a request (engine/api/api-session.ts),
// when a guided lab cannot open (engine/course) or its scenario cannot be set up (engine/scenario),
// or when an attack cannot be switched on (engine/attack). Names and values are parameters.

export const session = {
  // engine/api/api-session.ts
  'api.area': '{area}: {message}',
  'api.malformed': 'malformed message',
  'api.noPolicyHost': 'this lab has no policy host',
  'api.noMainCf': 'this lab has no main.cf',
  'api.noChecker': 'this lab has no mail checker',
  'api.noCourse': 'this lab has no guided labs',
  'api.noSender': 'this lab has no sending MTA',
  'api.noAttacker': 'this lab has no attacker',
  'api.noDns': 'this lab has no DNS',
  'api.noDmarc': 'this lab has no DMARC reporting',
  'api.notWaiting': 'message {id} is not waiting for a retry',
  'api.noTerminal': 'no terminal on this connection',
  'api.tooManyTerminals': 'at most {count} terminals per connection',
  'api.noShell': 'could not start a shell: {error}',
  'api.noTerminalId': 'no terminal {id} on this connection',
  // engine/course/course.ts
  'course.noLabOf': 'no lab "{id}" (labs: {labs})',
  'course.noLab': 'no lab "{id}"',
  'course.noQuestion': 'no question "{question}" in lab "{id}"',
  'course.noChoice': 'question "{question}" has no choice "{choice}"',
  'course.setup': '{scenario}: {message}',
  // engine/scenario/apply-scenario.ts: where in the scenario file the set-up stopped
  'scenario.noPostconf': 'main.cf: this lab has no postconf service to apply main.cf lines with',
  'scenario.mainCfLine': 'main.cf line {line} ({text}): {message}',
  'scenario.andMore': '{first}; {rest}',
  'scenario.dnsMode': 'dns.modes.{zone}: {message} ({rule})',
  'scenario.dnsRecord': 'dns.records[{index}] ({op} {name} {type}): {message} ({rule})',
  'scenario.deliveredBefore': 'sender.deliveredBefore: {message}',
  'scenario.notDelivered': 'sender.deliveredBefore: the earlier delivery did not arrive ({reason})',
  'scenario.attack': 'attack: {message}',
  // engine/attack/attacker.ts, params.ts
  'attackSet.unknown': 'no attack "{name}" (attacks: {names})',
  'attackSet.cannotStart': '{name} could not start: {error}',
  'attackSet.noParams': 'none',
  'attackSet.unknownParam': '{attack} has no parameter "{name}" (parameters: {known})',
  'attackSet.badValue': '{attack}: {name} must be one of {values}, not "{value}"',
} as const;
