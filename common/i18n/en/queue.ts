// English sentences of the sending MTA's durable queue (engine/nodes/sender/mta/sending-mta.ts
// resume) and of where a TLS-RPT report went (engine/nodes/sender/mta/tlsrpt-reports.ts,
// engine/nodes/tlsrpt-collector/post-report.ts, engine/lab/lab-sender.ts). The report JSON stays English.

export const queue = {
  'queue.unreadable': 'the queue file {path} could not be read; it was set aside and its message (if any) is not retried',
  'queue.resumed': 'message {id} was in the queue when the previous lab stopped ({state}, {rounds} round(s) so far); taking it up again',
  'queue.resumedRenamed': 'message {id} (queued as {was} before) was in the queue when the previous lab stopped ({state}, {rounds} round(s) so far); taking it up again',
  'rptSend.queued': 'queue {id}: {state}',
  'rptSend.queuedStatus': 'queue {id}: {state} ({status})',
  'rptSend.notUrl': 'not a URL: {url}',
  'rptSend.notHttps': '{scheme} is not https: (RFC 8460 §3)',
  'rptSend.timeout': '{host} did not answer within {ms} ms',
  'rptSend.failed': 'could not post to {url}: {error}',
  'route.nothingAnswers': 'nothing answers at {address} port 443',
  'route.noAddress': '{host} has no address ({why})',
  'route.bogus': 'DNSSEC bogus',
} as const;
