// English sentences of the DMARC aggregate reports mx.example.jp builds and sends (RFC 7489 §7).

export const dmarcreport = {
  'dmarcRpt.noRua': '{domain}: {messages} message(s) counted, but its DMARC record has no rua=: no report is sent',
  'dmarcRpt.notMailto': '{uri}: only mailto: destinations are sent to',
  'dmarcRpt.badUri': '{uri}: no mail address in this URI',
  'dmarcRpt.tooBig': '{uri}: the report message is {size} bytes, over the {max} bytes the URI allows',
  'dmarcRpt.noDmarc1': '{count} TXT record(s), none beginning with v=DMARC1',
  'dmarcRpt.notAuthorized': '{uri}: not sent. {name} does not authorize reports about {domain} ({why})',
  'dmarcRpt.authorized': '{name} has "{record}": {destination} accepts reports about {domain}',
  'dmarcRpt.sent': 'DMARC report {id} to {uri}: sent ({detail})',
  'dmarcRpt.failed': 'DMARC report {id} to {uri}: not sent ({detail})',
  'dmarcRpt.noMx': 'no mail server for {domain}: {why}',
  'dmarcRpt.noRoute': 'no mail server of {domain} can be reached',
  'dmarcRpt.hostUnreachable': '{host} ({address}) cannot be reached from mx.example.jp',
  'dmarcRpt.accepted': '{host} accepted it ({code})',
  'labUsage.dmarc': 'DMARC aggregate reports of the receiver',
  'dmarcRpt.refused': '{host}: {why}',
};
