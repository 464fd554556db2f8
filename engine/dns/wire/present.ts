// Records in presentation form, as dig prints them (RFC 1035 §5.1, RFC 4034 §2.2, §3.2, §4.2, §5.3).
import type { Rr } from './records.ts';
import { fqdn } from './names.ts';

function time(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** An RRSIG time (seconds since the epoch) as a person reads it: "2026-12-06 12:00:00 UTC". */
export function readableTime(seconds: number): string {
  return `${new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function txtString(part: Buffer | string): string {
  const bytes = typeof part === 'string' ? Buffer.from(part) : part;
  let out = '';
  for (const b of bytes) out += b === 0x22 || b === 0x5c ? `\\${String.fromCharCode(b)}` : b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\${String(b).padStart(3, '0')}`;
  return `"${out}"`;
}

export function rdataText(rr: Rr): string {
  switch (rr.type) {
    case 'A':
    case 'AAAA':
      return rr.data;
    case 'NS':
    case 'CNAME':
    case 'DNAME':
    case 'PTR':
      return fqdn(rr.data);
    case 'MX':
      return `${rr.data.preference ?? 0} ${fqdn(rr.data.exchange)}`;
    case 'TXT': {
      const parts = Array.isArray(rr.data) ? rr.data : [rr.data];
      return parts.map(txtString).join(' ');
    }
    case 'SOA': {
      const d = rr.data;
      return `${fqdn(d.mname)} ${fqdn(d.rname)} ${d.serial ?? 0} ${d.refresh ?? 0} ${d.retry ?? 0} ${d.expire ?? 0} ${d.minimum ?? 0}`;
    }
    case 'TLSA':
      return `${rr.data.usage} ${rr.data.selector} ${rr.data.matchingType} ${rr.data.certificate.toString('hex').toUpperCase()}`;
    case 'DS':
      return `${rr.data.keyTag} ${rr.data.algorithm} ${rr.data.digestType} ${rr.data.digest.toString('hex').toUpperCase()}`;
    case 'DNSKEY':
      return `${rr.data.flags} 3 ${rr.data.algorithm} ${rr.data.key.toString('base64')}`;
    case 'RRSIG': {
      const d = rr.data;
      return `${d.typeCovered} ${d.algorithm} ${d.labels} ${d.originalTTL} ${time(d.expiration)} ${time(d.inception)} ${d.keyTag} ${fqdn(d.signersName)} ${d.signature.toString('base64')}`;
    }
    case 'NSEC':
      return `${fqdn(rr.data.nextDomain)} ${rr.data.rrtypes.join(' ')}`;
    case 'SRV':
      return `${rr.data.priority ?? 0} ${rr.data.weight ?? 0} ${rr.data.port} ${fqdn(rr.data.target)}`;
    case 'CAA':
      return `${rr.data.flags ?? 0} ${rr.data.tag} "${rr.data.value}"`;
    default: {
      const data = (rr as { data: unknown }).data;
      return Buffer.isBuffer(data) ? `\\# ${data.length} ${data.toString('hex')}` : JSON.stringify(data);
    }
  }
}

export function rrText(rr: Rr): string {
  return `${fqdn(rr.name)}\t${rr.ttl}\tIN\t${rr.type}\t${rdataText(rr)}`;
}

/** A short form for trace summaries: "10 mx.example.jp", "192.0.2.25". */
export function rdataShort(rr: Rr): string {
  const text = rdataText(rr);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text.replace(/\.$/, '').replace(/\. /g, ' ');
}
