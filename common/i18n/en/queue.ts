// English sentences of the sending MTA's durable queue (engine/nodes/sender/mta/sending-mta.ts
// resume) and of where a TLS-RPT report went (engine/nodes/sender/mta/tlsrpt-reports.ts,
// engine/nodes/tlsrpt-collector/post-report.ts, engine/lab/lab-sender.ts) and what the https
// collector answered (engine/nodes/tlsrpt-collector/judge-upload.ts). The report JSON stays English.

export const queue = {
  'queue.unreadable': 'the queue file {path} could not be read; it was set aside and its message (if any) is not retried',
  'queue.resumed': 'message {id} was in the queue when the previous lab stopped ({state}, {rounds} round(s) so far); taking it up again',
  'queue.resumedRenamed': 'message {id} (queued as {was} before) was in the queue when the previous lab stopped ({state}, {rounds} round(s) so far); taking it up again',
  'queue.notWritten': 'the queue file of {id} could not be written ({error}); the message stays queued in memory only',
  'rptSend.queued': 'queue {id}: {state}',
  'rptSend.queuedStatus': 'queue {id}: {state} ({status})',
  'rptSend.notUrl': 'not a URL: {url}',
  'rptSend.notHttps': '{scheme} is not https: (RFC 8460 §3)',
  'rptSend.timeout': '{host} did not answer within {ms} ms',
  'rptSend.failed': 'could not post to {url}: {error}',
  // engine/nodes/tlsrpt-collector/judge-upload.ts: what the https rua collector answers (RFC 8460 §5.3)
  'rptCollect.noEndpoint': 'no report endpoint at {path}; reports go to {reportPath}',
  'rptCollect.notPost': '{method} is not how reports arrive: POST the report to {reportPath}',
  'rptCollect.mediaType': 'media type "{type}" is not {gzip} or {json}',
  'rptCollect.noMediaType': 'none',
  'rptCollect.tooLarge': '{what}; this collector takes at most {max} bytes',
  'rptCollect.bodyBytes': 'the body is {bytes} bytes',
  'rptCollect.bodyKeptComing': 'the body kept coming',
  'rptCollect.inflatesPast': 'the report inflates past the limit',
  'rptCollect.notGzip': 'the body is not gzip ({error})',
  'rptCollect.notUtf8': 'the report is not UTF-8',
  'rptCollect.notJson': 'the report is not JSON ({error})',
  'rptCollect.notObject': 'the report is not a JSON object',
  'rptCollect.lacks': 'the report lacks {field}',
  'rptCollect.aString': '{field} (a string)',
  'rptCollect.anObject': '{field} (an object)',
  'rptCollect.anArray': '{field} (an array)',
  'rptCollect.stored': 'report {id} stored',
  'route.nothingAnswers': 'nothing answers at {address} port 443',
  'route.noAddress': '{host} has no address ({why})',
  'route.bogus': 'DNSSEC bogus',
} as const;
