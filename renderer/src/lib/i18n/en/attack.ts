// English UI text: the on-path attacker.

export const attack = {
  'attack.title': 'On-path attacker',
  'attack.none': 'This lab has no attacker.',
  'attack.off': 'The attacker is off: every byte passes untouched.',
  'attack.active': 'Attack on: {title}',
  'attack.links': 'Links: {links}',
  'attack.start': 'Switch on',
  'attack.stop': 'Switch off',
  'attack.stoppedBy': 'Stopped by',
  'attack.target.smtp': 'SMTP link',
  'attack.target.dns': 'DNS answers',
  'attack.indicator': 'Attacker on: {title}',
  'attack.knowledge': 'What the attacker has learnt',
  'attack.envelopes': 'Envelopes seen',
  'attack.messages': 'Messages read',
  'attack.credentials': 'Credentials decoded',
  'attack.bytes': 'Bytes on the attacked links',
  'attack.plaintextBytes': '{count} bytes readable (plaintext)',
  'attack.encryptedBytes': '{count} bytes unreadable (TLS)',
  'attack.nothing': 'Nothing yet.',
  'attack.noBytes': 'No bytes have crossed the attacked links yet.',

  'diff.title': 'What the attacker changed',
  'diff.removed': '{count} bytes removed or replaced',
  'diff.added': '{count} bytes added or replaced',
  'diff.same': 'Passed on unchanged.',
} satisfies Record<string, string>;
