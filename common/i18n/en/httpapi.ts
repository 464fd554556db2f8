// English refusals of the lab's HTTP API (engine/api/lab-actions.ts, course-api.ts, checker-api.ts,
// arc-api.ts), the requests of the CLI commands: sent as `errorText` beside the English `error`, so
// the CLI says them in the learner's language. Field names and examples stay as the API spells them.

export const httpapi = {
  'httpApi.notFound': 'not found',
  'httpApi.withRule': '{message} ({rule})',
  'httpApi.noDmarc': 'this lab has no DMARC reporting',
  'httpApi.malformedSend': 'malformed send request',
  'httpApi.unknownAttack': 'unknown attack; one of: {names}',
  'httpApi.params': 'params must map at most {count} names to strings of at most {length} characters',
  'httpApi.notLabName': 'id: not a lab name',
  'httpApi.whichLab': 'id: which lab to open',
  'httpApi.dnsEditFields': 'op, name and type: e.g. {example}',
  'httpApi.dnsValue': 'value: text of at most 8 KiB',
  'httpApi.ttl': 'ttl: seconds',
  'httpApi.dnsModeFields': 'zone and mode: e.g. {example}',
  'httpApi.policyFields': 'domain and text: the policy file for {url}',
  'httpApi.lesson': 'lesson: one of {lessons}',
  'httpApi.currentOrNext': '{field}: current or next',
  'httpApi.op25b': 'op25b: true or false',
  'httpApi.domainName': 'domain must be a domain name',
  'httpApi.arcLists': 'trust and untrust: lists of domain names, e.g. {example}; untrustAll: true or false',
  'httpApi.arcTooMany': 'at most {count} trusted sealers',
  // engine/lab/lab-checker.ts
  'checkerRun.notDomain': '"{domain}" is not a domain name: {problem}',
  'checkerRun.failed': 'the check of {domain} failed: {error}',
} as const;
