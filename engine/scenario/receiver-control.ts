// What a scenario or a lab changes on the receiver besides main.cf: which key mx.example.jp
// presents, switchable for a DANE key rollover (RFC 7671 §8.1), and what it does with commands
// pipelined after STARTTLS. main.cf (engine/postconf) stays the source of every other TLS setting:
// the key switch rides on top of whatever certificate main.cf names, as an operator replacing the
// key files behind the same paths would.
import { X509Certificate } from 'node:crypto';
import type { StartedLab } from '../lab/start-lab.ts';
import { MX_HOST } from '../network/lab-hosts.ts';
import type { ReceiverTlsConfig, StarttlsPlaintextMode } from '../nodes/receiver/receiver-config.ts';
import type { IssuedPem } from '../pki/issue.ts';
import { loadLabCertStore } from '../postconf/lab-cert-store.ts';
import { receiverTlsConfig } from '../postconf/receiver-tls.ts';
import { matchChain } from '../policy/dane/chain-match.ts';
import { tlsaData } from '../policy/dane/tlsa-data.ts';
import type { TlsaRecord } from '../policy/dane/tlsa-record.ts';

export type ReceiverKey = 'current' | 'next';

export interface ReceiverSettings {
  key: ReceiverKey;
  starttlsPlaintext: StarttlsPlaintextMode;
}

/** What `lab receiver` shows: the key in use and whether the published TLSA RRset matches each key. */
export interface ReceiverStatus {
  key: ReceiverKey;
  starttlsPlaintext: StarttlsPlaintextMode;
  /** `3 1 1` data of each key (SHA-256 of its SubjectPublicKeyInfo). */
  spki: Record<ReceiverKey, string>;
  /** A record of `_25._tcp.mx.example.jp` TLSA matches the key (leaf only, as a DANE-EE client checks). */
  tlsaMatches: Record<ReceiverKey, boolean>;
}

export const TLSA_NAME = `_25._tcp.${MX_HOST}`;
export const DEFAULT_RECEIVER_SETTINGS: ReceiverSettings = { key: 'current', starttlsPlaintext: 'discard' };

const firstPem = (pem: string) => pem.slice(0, pem.indexOf('-----END CERTIFICATE-----'));

export class ReceiverControl {
  private settingsNow: ReceiverSettings = { ...DEFAULT_RECEIVER_SETTINGS };
  /** The TLS configuration last asked for (by main.cf), before the key switch is laid over it. */
  private asked: ReceiverTlsConfig | null = null;
  private readonly setTls: (tls: ReceiverTlsConfig) => void;

  constructor(
    private readonly lab: StartedLab,
    private readonly keys: Record<ReceiverKey, IssuedPem>,
  ) {
    this.setTls = lab.receiver.setTls.bind(lab.receiver);
    lab.receiver.setTls = (tls) => {
      this.asked = tls;
      this.setTls(this.withKey(tls));
    };
  }

  static async create(lab: StartedLab): Promise<ReceiverControl> {
    const [current, next] = await Promise.all([lab.pki.leaf(MX_HOST), lab.pki.variant(MX_HOST, 'rollover')]);
    const control = new ReceiverControl(lab, { current, next });
    // What main.cf has configured so far, as engine/lab/start-lab.ts applies it; later changes come through the wrapper.
    if (lab.postconf) control.asked = receiverTlsConfig(lab.postconf.settings().receiver, await loadLabCertStore(lab.pki, MX_HOST));
    return control;
  }

  settings(): ReceiverSettings {
    return { ...this.settingsNow };
  }

  certificatePem(key: ReceiverKey): string {
    return this.keys[key].certPem;
  }

  async apply(change: Partial<ReceiverSettings>): Promise<void> {
    const next = { ...this.settingsNow, ...change };
    const keyChanged = next.key !== this.settingsNow.key;
    this.settingsNow = next;
    this.lab.receiver.setStarttlsPlaintext(next.starttlsPlaintext);
    if (keyChanged) {
      this.setTls(this.withKey(this.asked ?? this.defaultTls()));
      this.traceKeySwitch();
    }
  }

  status(): ReceiverStatus {
    const records = this.publishedTlsa();
    const cert = (key: ReceiverKey) => new X509Certificate(this.keys[key].certPem);
    const matches = (key: ReceiverKey) => records.length > 0 && matchChain({ chain: [cert(key).raw], records, referenceNames: [MX_HOST], now: Date.now() }).matched;
    return {
      key: this.settingsNow.key,
      starttlsPlaintext: this.settingsNow.starttlsPlaintext,
      spki: { current: tlsaData(cert('current'), 1, 1).toString('hex'), next: tlsaData(cert('next'), 1, 1).toString('hex') },
      tlsaMatches: { current: matches('current'), next: matches('next') },
    };
  }

  /** The receiver's own defaults when main.cf never spoke (a lab without postconf). */
  private defaultTls(): ReceiverTlsConfig {
    return { enabled: true, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3' };
  }

  /** With the next key in use, the current key's certificate (leaf or full chain) becomes the next key's. */
  private withKey(tls: ReceiverTlsConfig): ReceiverTlsConfig {
    if (this.settingsNow.key === 'current') return tls;
    const { current, next } = this.keys;
    const shown = tls.certificate ?? current;
    if (firstPem(shown.certPem) !== firstPem(current.certPem)) return tls;
    const rest = shown.certPem.slice(shown.certPem.indexOf('-----END CERTIFICATE-----') + '-----END CERTIFICATE-----'.length).trim();
    return { ...tls, certificate: { certPem: rest ? `${next.certPem.trimEnd()}\n${rest}\n` : next.certPem, keyPem: next.keyPem } };
  }

  /** The TLSA records of the MX as the zone publishes them now. */
  private publishedTlsa(): TlsaRecord[] {
    const zone = this.lab.dns.zones.zoneFor(TLSA_NAME);
    return (zone?.records ?? []).flatMap((rr) =>
      rr.type === 'TLSA' && rr.name === TLSA_NAME ? [{ usage: rr.data.usage, selector: rr.data.selector, matchingType: rr.data.matchingType, data: Buffer.from(rr.data.certificate) }] : [],
    );
  }

  /** The switch as a trace row, saying whether DNS already vouched for the key now in use. */
  private traceKeySwitch(): void {
    const status = this.status();
    const key = status.key;
    const published = status.tlsaMatches[key];
    this.lab.trace.emit({
      flow: 'config',
      link: { from: MX_HOST, to: MX_HOST },
      layer: 'note',
      dir: 'none',
      summary: `${MX_HOST} now presents its ${key} key (3 1 1 ${status.spki[key].slice(0, 16)}...); ${TLSA_NAME} TLSA ${published ? 'already matches it' : 'does not match it: DANE senders defer until it does'}`,
      detail: { kind: 'receiver-key', key, spki: status.spki[key], tlsaPublished: published },
      visibility: 'plaintext',
      rule: 'RFC 7671 §8.1',
    });
  }
}
