// English words of the CLI's formatters (engine/cli/format, engine/cli/course-commands.ts,
// engine/cli/commands/run.ts): headings and sentences around the data, which stays as it is.

export const cliout = {
  // engine/cli/format/host-table-text.ts
  'hostTable.name': 'NAME',
  'hostTable.address': 'LAB ADDRESS',
  'hostTable.role': 'ROLE',
  'hostTable.ports': 'LAB PORT -> LOOPBACK',
  'hostTable.accounts': 'Accounts on {host} (SMTP AUTH PLAIN, LOGIN, CRAM-MD5 after STARTTLS):',
  'hostTable.account': '{user} / {password}  port {port}',
  'hostTable.try': 'Try: ',
  // engine/cli/format/mailbox-text.ts
  'mailboxCli.empty': 'The mailbox is empty.',
  'mailboxCli.plaintext': 'plaintext',
  'mailboxCli.size': '{size} octets, HELO {helo}',
  'mailboxCli.sizeAuth': '{size} octets, HELO {helo}, AUTH as {user}',
  'mailboxCli.folder': 'folder: {folder} ({reason}) [{rule}]',
  'mailboxCli.folderUnchecked': 'folder: {folder} ({reason})',
  'mailboxCli.inbox': 'Inbox',
  'mailboxCli.junk': 'Junk',
  'mailboxCli.noMilter': 'the sender was not checked: no sender-authentication milter in smtpd_milters',
  'mailboxCli.submitted': 'the sender was not checked: submitted after SMTP AUTH, as {user}',
  // engine/cli/format/mailq-text.ts (Postfix's showq lines otherwise)
  'mailqCli.empty': 'Mail queue is empty',
  'mailqCli.total': '-- {kbytes} Kbytes in {count} Requests.',
  'mailqCli.totalOne': '-- {kbytes} Kbytes in 1 Request.',
  // engine/cli/format/tlsrpt-text.ts
  'tlsrptCli.none': 'No TLS-RPT reports yet. Send mail, then: smtp-lab tlsrpt send',
  'tlsrptCli.organization': 'organization: {name}',
  'tlsrptCli.range': 'range: {from} .. {to}',
  'tlsrptCli.policy': 'policy {type} for {domain}: {ok} successful, {failed} failed',
  'tlsrptCli.failures': '{count} x {result} at {host}',
  'tlsrptCli.sent': 'sent',
  'tlsrptCli.notSent': 'not sent',
  // engine/cli/course-commands.ts
  'labSolveCli.error': 'error: {error}',
  'labSolveCli.done': '{done}/{total} steps done',
  // engine/cli/commands/run.ts
  'runCli.setupRefused': 'set-up refused: {error}',
  'runCli.matched': 'MATCHED: the outcome is what the scenario expects',
  'runCli.notMatched': 'NOT MATCHED',
  'runCli.mismatch': '{field}: expected {expected}, got {actual}',
  'runCli.expected': 'expected: {expected}',
  // engine/cli/send/send-args.ts, engine/cli/param-pairs.ts
  'sendArgs.fromTo': '--from and --to are required',
  'sendArgs.unknownPolicy': 'unknown policy "{policy}"; one of: {names}',
  'sendArgs.malformed': 'malformed address, subject or body',
  'sendArgs.unknownAttack': 'unknown attack "{name}"; one of: {names}',
  'sendArgs.paramNeedsAttack': '--param needs --attack',
  'sendArgs.paramPair': '--param {pair}: expected NAME=VALUE',
  // engine/course/solve.ts (the detail of a failed step is the command's own output)
  'labSolve.noLab': 'no lab "{id}"',
  'labSolve.step': 'solution step {step}: {problem}',
  // engine/cli/commands/mta-sts.ts (the field names stay as RFC 8461 §3.2 spells them)
  'stsParseCli.valid': 'valid MTA-STS policy (RFC 8461 §3.2)',
  'stsParseCli.invalid': 'invalid MTA-STS policy:',
  'stsParseCli.wholePolicy': 'policy',
  'stsParseCli.line': 'line {line}',
  'stsParseCli.capped': '(capped from {declared})',
  'stsParseCli.unknownField': '(unknown field, ignored)',
  'stsParseCli.note': 'note: {note}',
  'stsParseCli.match': 'match',
  'stsParseCli.noMatch': 'no match',
  // engine/dns/lab/dig-format.ts
  'digCli.cached': '(cached)',
  'digCli.none': '(none: {why})',
} as const;
