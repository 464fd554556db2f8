// English sentences of what the CLI's commands print about the running lab (engine/cli/commands,
// engine/cli/format): serve and dns serve, the receiver's and the signer's keys, the ISP, the
// policy host, DMARC reports, zone edits, stored runs. Names, records and field names stay as they are.

export const clishow = {
  // engine/cli/commands/serve.ts
  'serveCli.running': 'SMTP Lab is running.',
  'serveCli.open': 'Open: {url}',
  'serveCli.receiver': '{host} port 25 is 127.0.0.1:{port} (all hosts: {command})',
  'serveCli.notBuilt': 'The web UI is not built yet: run {command}',
  'serveCli.stop': 'Press Ctrl-C to stop.',
  'serveCli.labNotLoaded': 'lab not loaded: {problem}',
  'serveCli.closeLate': 'the lab did not close in time',
  'serveCli.stopping': '{signal}: stopping the lab',
  // engine/cli/commands/dns.ts, engine/cli/cli-dns.ts
  'dnsServeCli.listening': 'lab DNS on 127.0.0.1 port {port} (UDP and TCP), zones: {zones}',
  'dnsServeCli.try': 'try: ',
  'cliDns.labPort': 'lab DNS on 127.0.0.1 port {port}',
  'cliDns.inProcess': 'in-process lab DNS',
  // engine/cli/dns-edit.ts
  'dnsEditCli.add': 'zone {zone}: {type} {name} added -> {record} (serial {serial}, zone re-signed)',
  'dnsEditCli.replace': 'zone {zone}: {type} {name} replaced -> {record} (serial {serial}, zone re-signed)',
  'dnsEditCli.delete': 'zone {zone}: {type} {name} deleted (serial {serial}, zone re-signed)',
  'dnsEditCli.mode': 'zone {zone}: {before} -> {mode}',
  // engine/cli/format/receiver-text.ts
  'receiverCli.presents': '{host} presents its {key} key',
  'receiverCli.inTlsa': 'published in {name} TLSA',
  'receiverCli.notInTlsa': 'not in the TLSA records',
  // engine/cli/format/dkim-text.ts
  'dkimCli.signs': '{domain} signs with selector {selector} ({key})',
  'dkimCli.published': 'published',
  'dkimCli.notPublished': 'NOT published',
  'dkimCli.signing': '<- signing',
  'dkimCli.publishHint': 'to publish it: {command}',
  // engine/cli/commands/isp.ts
  'ispCli.on': 'OP25B on: the terminal cannot reach port 25 of any host; submit on port 587 with SMTP AUTH',
  'ispCli.off': 'OP25B off: the terminal reaches port 25 directly',
  // engine/cli/format/policy-host-text.ts
  'policyCli.problem': 'problem: {message} [{rule}]',
  'policyCli.problemAt': 'problem (line {line}): {message} [{rule}]',
  // engine/cli/format/dmarc-text.ts, tlsrpt-text.ts
  'reportCli.report': 'report {id}',
  'reportCli.heading': '{report}  ({about})',
  'reportCli.file': 'file: {name}',
  'dmarcCli.nothingSent': 'Nothing to report: no DMARC evaluation of a domain with rua= since the last reports.',
  'dmarcCli.head': 'DMARC aggregate reports of {reporter} ({host})',
  'dmarcCli.countedNothing': 'Counted since the last reports: nothing. Switch on the DMARC milter (smtpd_milters) and send mail.',
  'dmarcCli.counted': 'Counted since the last reports ({command} reports them):',
  'dmarcCli.pending': '{domain}: {count} message(s), {policy}, rua {rua}',
  'dmarcCli.noRua': '(none: no report will be sent)',
  'dmarcCli.noReports': 'No reports built yet.',
  // engine/cli/commands/mailbox.ts
  'mailboxCli.dropped': "({count} older message(s) were dropped to keep the lab's memory bounded)",
  // engine/cli/course-commands.ts
  'labResetCli.one': 'lab {id}: back to its start',
  'labResetCli.all': 'the lab is back to its start',
  // engine/cli/commands/matrix.ts, run.ts, run-compare.ts
  'matrixCli.run': 'run {id}: {title}',
  'matrixCli.outcome': 'outcome: {reason}',
  'runCli.scenario': 'scenario {name}: {title}',
  'compareCli.asWritten': 'as written',
  'compareCli.with': 'with {toggle}',
  'compareCli.runs': 'runs: {left} ({command}), {right}',
  // engine/cli/commands/attack.ts
  'attackListCli.stoppedBy': 'stopped by: {defence}',
  // engine/cli/smtp
  'smtpCli.handshakeFailed': 'TLS handshake failed: {error}',
  'smtpCli.noName': '(none)',
} as const;
