// English sentences of trace rows the network writes when a decoder or an interceptor throws
// (engine/protocol/error-notes.ts); the error itself is a parameter, as the code raised it.

export const tracenote = {
  'traceNote.decoderError': 'decoder error: {error}',
  'traceNote.dnsUndecoded': 'reply relayed undecoded: {error}',
  'traceNote.noReply': 'no reply relayed to {host}: {error}',
  'traceNote.op25b': '{isp} blocks outbound port 25 from the terminal (OP25B): connection to {host}:25 refused; submit on port 587 with SMTP AUTH',
  'traceNote.receiverKeyMatches': '{host} now presents its {key} key (3 1 1 {spki}...); {tlsa} TLSA already matches it',
  'traceNote.receiverKeyMismatch': '{host} now presents its {key} key (3 1 1 {spki}...); {tlsa} TLSA does not match it: DANE senders defer until it does',
  'traceNote.checkerStart': '{node}: mail test of {domain} starts',
  'traceNote.checkerEnd': '{node}: {domain} scores {score}% (not passing: {failed})',
  'traceNote.checkerEndAll': '{node}: {domain} scores {score}% (every item passes)',
  'traceNote.interceptorError': 'interceptor error, chunk passed on unchanged: {error}',
  'traceNote.attackError': 'attack error, chunk passed on unchanged: {error}',
} as const;
