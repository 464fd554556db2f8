// English UI text: the window itself: title, connection, text size, terminal and lab hosts.

export const app = {
  'app.title': 'SMTP Lab',
  /** The locale this dictionary is, so sentences from the engine render in the same language. */
  'app.locale': 'en',
  'app.subtitle': 'Type SMTP by hand, attack it, defend it: all on 127.0.0.1',

  'status.connecting': 'Connecting…',
  'status.open': 'Connected',
  'status.closed': 'Disconnected',
  'status.unauthorized': 'No token',
  'status.retryIn': 'retrying in {seconds} s',
  'status.title': 'Connection to the lab engine',

  'noToken.title': 'Open the lab with the URL it printed',
  'noToken.body':
    'The lab terminal is a real shell, so the lab only accepts the address it printed when it started, the one ending in ?token=…. Open that URL again (run smtp-lab serve to get a new one).',

  'lang.label': 'Language',
  'font.label': 'Text size',
  'font.smaller': 'Smaller text',
  'font.larger': 'Larger text',
  'font.reset': 'Reset text size',

  'pane.terminal': 'Terminal',
  'pane.trace': 'Trace',
  'pane.mailbox': 'Mailbox',
  'pane.hosts': 'Lab hosts',
  'pane.resize': 'Drag to resize',
  'tabs.back': 'Show the tabs to the left',
  'tabs.forward': 'Show the tabs to the right',

  'terminal.exited': 'The shell exited (exit code {code}).',
  'terminal.exitedSignal': 'The shell exited (signal {signal}).',
  'terminal.newShell': 'New shell',
  'terminal.waiting': 'The shell opens once the lab engine is connected.',
  'terminal.lost': 'The connection to the lab was lost. A new shell opens when it is back.',
  'terminal.reopened': 'new shell: the previous one ended with the lost connection',

  'hosts.name': 'Host',
  'hosts.address': 'Lab address',
  'hosts.role': 'Role',
  'hosts.ports': 'Ports (lab → this machine)',
  'hosts.none': 'No ports',
  'hosts.empty': 'The host table arrives with the connection.',
  'hosts.hint': 'Lab addresses are labels. Every real connection goes to 127.0.0.1; real tools work too, e.g. openssl s_client -starttls smtp -connect 127.0.0.1:PORT.',

  'role.terminal': 'your terminal',
  'role.sender': 'sending MTA',
  'role.receiver': 'receiving MTA',
  'role.dns': 'DNS server',
  'role.policy-host': 'policy host (HTTPS)',
  'role.report-collector': 'TLS-RPT report collector (HTTPS)',
  'role.attacker': 'attacker',

  'error.engine': 'Lab engine: {message}',
  'error.dismiss': 'Dismiss',
} satisfies Record<string, string>;
