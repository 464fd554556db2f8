// English sentences of the CLI's refusals (engine/cli): a wrong argument, a file it cannot read,
// no lab to talk to. Option names, file names and values are parameters and stay as typed.

export const cliargs = {
  // engine/cli/main.ts, cli-locale.ts
  'cliArgs.lang': '--lang takes ja or en, not "{value}"',
  'cliArgs.unknownCommand': 'unknown command "{name}". Try: smtp-lab help',
  // engine/cli/parse-args-problem.ts: what Node's util.parseArgs refused
  'cliArgs.unknownOption': 'unknown option {option}',
  'cliArgs.missingValue': 'option {option} needs a value',
  'cliArgs.noValue': 'option {option} takes no value',
  'cliArgs.ambiguousValue': 'option {option} needs a value; for a value that starts with "-", write {option}=VALUE',
  'cliArgs.badValue': 'option {option}: not a valid value',
  'cliArgs.unexpectedArgument': 'unexpected argument "{argument}": this command takes only options here',
  // ports, files and input of engine/cli/commands/*.ts, cli-dns.ts, read-capped.ts
  'cliArgs.notPort': '"{value}" is not a port number (1-65535)',
  'cliArgs.notServePort': '--port {value}: not a port number (0 for any free port, else 1-65535)',
  'cliArgs.cannotRead': 'cannot read {file}: {code}',
  'cliArgs.tooLarge': '{file} is larger than {max} bytes, the limit for {what}',
  'cliArgs.whatPolicy': 'an MTA-STS policy (the sender fetches at most as much)',
  'cliArgs.whatCertificate': 'a certificate',
  'cliArgs.lineTooLong': 'an input line is longer than {max} bytes',
  'cliArgs.inputStopped': '{error}; stopping',
  // engine/cli/lab-client.ts: reaching the running lab
  'cliLab.none': 'no running lab found. Start one with: npm start  (or: smtp-lab serve)',
  'cliLab.gone': 'the lab of this terminal ({run}) is not running any more',
  'cliLab.noneToChange': 'no running lab to change. Start one with: npm start  (or: smtp-lab serve)',
  'cliLab.http': '{path}: HTTP {status}',
  'cliLab.refused': '{path}: {message}',
  'cliLab.noAnswer': '{path}: the lab did not answer ({error})',
  'cliLab.timeout': '{path}: the lab did not answer within {seconds} s',
  // engine/cli/commands/dane.ts
  'daneCli.selector': 'selector {selector} is unknown; use 0 (full certificate) or 1 (SubjectPublicKeyInfo) (RFC 6698 §2.1.2)',
  'daneCli.matching': 'matching type {matching} is unknown; use 0 (exact), 1 (SHA-256) or 2 (SHA-512) (RFC 6698 §2.1.3)',
  'daneCli.cannotRead': 'cannot read a certificate from {file}: {code}',
  'daneCli.notCertificate': 'cannot read a certificate from {file} (expected PEM or DER)',
  'daneCli.note': 'note: {note} ({rule})',
  // engine/cli/commands/matrix.ts
  'matrixCli.noRun': 'no run "{id}" (only the newest matrix runs are kept)',
} as const;
