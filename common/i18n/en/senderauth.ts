// English sentences of sender authentication at the receiver (SPF, DKIM, DMARC, ARC), its main.cf
// milters, the DKIM key helper and the attacks that forge or relay a sender.

export const senderauth = {
  'postconf.unknownMilter': '"{entry}" is not one of the lab\'s mail filters; they are: {known} (OpenDKIM, OpenDMARC, OpenARC)',
  'postconf.signingMilterOnly': 'the sending MTA runs OpenDKIM only (inet:localhost:8891), which signs the mail it submits',
  'auth.notChecked': 'DMARC is not checked here',
  'auth.dmarcPass': 'DMARC pass for {domain}',
  'auth.noRecord': '{domain} publishes no DMARC record',
  'auth.temperror': 'DMARC for {domain} could not be evaluated (DNS error)',
  'auth.otherResult': 'DMARC {result} for {domain}',
  'auth.policyNone': 'DMARC fail for {domain}, whose policy is p=none: deliver and report',
  'auth.reportOnly': 'DMARC fail for {domain} (p={policy}), but this receiver only reports',
  'auth.arcOverride': 'DMARC fail for {domain} (p={policy}), but the ARC chain sealed by {sealer}, a trusted intermediary, shows dmarc=pass before it changed the message',
  'auth.quarantine': 'DMARC fail for {domain}: p=quarantine, delivered to the Junk folder',
  'auth.reject': 'Rejected by DMARC policy for {domain}: neither SPF nor DKIM passed in alignment with the From domain',
  'outcome.auth': 'Receiver checks: {results}; folder: {folder}',
  'outcome.folder.inbox': 'inbox',
  'outcome.folder.junk': 'Junk',
  'outcome.folder.rejected': 'rejected at end of DATA',
  'attack.hopRoute': "The attacker's MTA {host} takes the sender's connections to {mx}:25 and sends the mail on itself",
  'attack.hopSent': '{host} ({address}) sent it on to mx.example.jp, which answered: {reply}',
  'attack.spoofFrom': 'Sending as MAIL FROM:<{mailFrom}>, From: {from}, without the DKIM signature',
  'attack.forwarded': 'Forwarding unchanged, envelope sender still <{mailFrom}>',
  'attack.listRewrote': 'Mailing list {list}: "[list]" added to the Subject, a footer to the body, envelope sender list-bounces@attacker.example',
  'attack.listSealed': 'Mailing list {list}: "[list]" added to the Subject and a footer to the body, then what it verified on arrival sealed with ARC',
  'attack.headerEdited': 'Subject changed to "{subject}", the DKIM-Signature kept',
  'attack.bodyEdited': 'A line added at the top of the body, the DKIM-Signature kept',
};
