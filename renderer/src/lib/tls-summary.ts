// The row text of a tls row in the learner's language: message, version, cipher suite and alert
// names as TLS spells them, the lab's own words around them translated.
import type { TlsHandshakeDetail } from '../../../common/trace-details-wire.ts';
import { tlsDetail } from '../../../common/trace-details-wire.ts';
import type { TraceEvent } from '../../../common/trace.ts';
import { say, sayReason } from './engine-text.ts';
import type { Translate } from './summary-values.ts';

const CT_APPLICATION_DATA = 23;

function handshake(d: TlsHandshakeDetail, t: Translate): string {
  const parts: string[] = [];
  if (d.clientHello) {
    const ch = d.clientHello;
    const items = [t('ev.clientHello', { versions: ch.offeredVersions.join(', ') }), t('ev.cipherSuites', { count: ch.cipherSuites.length })];
    if (ch.sni) items.push(`SNI ${ch.sni}`);
    if (ch.fallbackScsv) items.push('TLS_FALLBACK_SCSV');
    parts.push(items.join(' · '));
  }
  if (d.serverHello) {
    const sh = d.serverHello;
    const items = [t('ev.serverHello', { hello: sh.helloRetryRequest ? 'HelloRetryRequest' : 'ServerHello', version: sh.version }), sh.cipherSuite];
    if (sh.downgradeSentinel) items.push(t('ev.downgradeSentinel', { value: sh.downgradeSentinel }));
    parts.push(items.join(' · '));
  }
  const others = d.messages.filter((m) => m !== 'ClientHello' && m !== 'ServerHello' && m !== 'HelloRetryRequest');
  if (others.length) parts.push(parts.length ? `+ ${others.join(', ')}` : others.join(', '));
  if (d.errorText || d.error !== undefined) parts.push(t('ev.malformed', { error: d.errorText ? say(t, d.errorText) : (d.error ?? '') }));
  if (parts.length === 0) parts.push(t('ev.handshakeFragment', { octets: d.record.length }));
  return parts.join(' ');
}

/** The text of a tls row, or null when the event is not one the engine writes. */
export function tlsSummary(event: TraceEvent, t: Translate): string | null {
  const d = tlsDetail(event);
  if (!d) return null;
  switch (d.kind) {
    case 'handshake':
      return handshake(d, t);
    case 'change_cipher_spec':
      return 'ChangeCipherSpec';
    case 'alert':
      return t('ev.alert', { level: d.level, description: d.description });
    case 'record':
      return t('ev.record', { type: d.record.contentType, octets: d.record.length });
    case 'encrypted': {
      const appDataOnly = d.contentTypes.length === 1 && d.contentTypes[0] === CT_APPLICATION_DATA;
      const count = d.records > 1 ? ` ×${d.records}` : '';
      return t(appDataOnly ? 'ev.appData' : 'ev.encryptedRecords', { count, octets: d.octets });
    }
    case 'incomplete':
      return t('ev.incomplete', { octets: d.octets });
    case 'not-tls':
      return t('ev.notTls', { reason: sayReason(t, d), octets: d.octets, preview: d.preview });
    case 'opaque':
      return t('ev.opaque', { octets: d.octets, preview: d.preview });
    case 'session':
      return t('ev.tlsSession', { host: d.by || event.link.to, version: d.version, cipher: d.cipher });
  }
}
