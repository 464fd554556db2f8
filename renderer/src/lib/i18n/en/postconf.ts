// English UI text: the main.cf pane (Postfix settings of the lab's two MTAs) and config rows in the trace.

export const postconf = {
  'pane.mainCf': 'main.cf',

  'postconf.title': 'main.cf',
  'postconf.unavailable': 'This lab has no main.cf.',
  'postconf.help':
    'Postfix settings of the lab’s two MTAs: smtpd_* configure the receiving MTA mx.example.jp, smtp_* the sending MTA mail.sender.example. What you leave out goes back to Postfix’s default. Changes apply to new connections.',
  'postconf.editor': 'Settings (main.cf)',
  'postconf.apply': 'Apply',
  'postconf.revert': 'Discard edits',
  'postconf.reset': 'Lab defaults',
  'postconf.unsaved': 'Not applied yet',
  'postconf.applying': 'Applying…',
  'postconf.changed': 'Applied: {names}.',
  'postconf.unchanged': 'Applied: nothing changed.',
  'postconf.refused': 'Nothing was changed: fix these lines first.',
  'postconf.line': 'line {line}',
  'postconf.current': 'postconf -n (in force now)',
  'postconf.currentEmpty': '(every parameter at Postfix’s default)',
  'postconf.terminal': 'The same in the terminal: lab postconf -n, lab postconf -e \'name = value\', lab postconf -d for Postfix’s defaults.',
  'postconf.files': 'Certificates: /etc/smtp-lab/tls/{valid,expired,wrong-name,self-signed}/{privkey,cert,fullchain}.pem. MTA-STS for the sender: smtp_tls_policy_maps = socketmap:inet:127.0.0.1:8461:postfix',

  'ev.configChanged': '{node}: {param} = {value} (was {old}); applies to new connections',
  'ev.configEmpty': 'empty',
};
