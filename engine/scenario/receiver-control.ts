// What a scenario or a lab changes on the receiver besides main.cf: which key mx.example.jp
// presents, switchable for a DANE key rollover (RFC 7671 §8.1), what it does with commands
// pipelined after STARTTLS, and which ARC sealers its local policy trusts (RFC 8617 §7.2). main.cf
// (engine/postconf) stays the source of every other setting: the key switch rides on top of whatever
// certificate main.cf names, as an operator replacing the key files behind the same paths would, and
// the trusted sealers ride on whatever milters main.cf lists, as the filters' own configuration does.
import { X509Certificate } from 'node:crypto';
import type { StartedLab } from '../lab/start-lab.ts';
import { MX_HOST } from '../network/lab-hosts.ts';
import { AUTH_OFF, type ReceiverAuthConfig } from '../nodes/receiver/auth/receiver-auth.ts';
import type { ReceiverTlsConfig, StarttlsPlaintextMode } from '../nodes/receiver/receiver-config.ts';
import type { IssuedPem } from '../pki/issue.ts';
import { loadLabCertStore } from '../postconf/lab-cert-store.ts';
import { receiverAuthConfig } from '../postconf/receiver-auth.ts';
import { receiverTlsConfig } from '../postconf/receiver-tls.ts';
import { english, text } from '../../common/i18n/text.ts';
import type { NoteDetail } from '../../common/trace-details.ts';
import { matchChain } from '../policy/dane/chain-match.ts';
import { tlsaData } from '../policy/dane/tlsa-data.ts';
import type { TlsaRecord } from '../policy/dane/tlsa-record.ts';

export type ReceiverKey = 'current' | 'next';

export interface ReceiverSettings {
  key: ReceiverKey;
  starttlsPlaintext: StarttlsPlaintextMode;
  /**
   * ARC sealers (d= of the newest ARC-Seal) whose valid chain may vouch for a message that failed
   * DMARC after their change (RFC 8617 §7.2); lower case, no trailing dot.
   */
  trustedArcSealers: string[];
}

/** What `lab arc` shows: the trusted sealers, and whether the checks that use them run (main.cf's milters). */
export interface ArcTrustStatus {
  trustedSealers: string[];
  /** OpenARC is in smtpd_milters: ARC chains are validated. */
  arcChecked: boolean;
  /** OpenDMARC is in smtpd_milters: DMARC policies are applied, and so may be overridden. */
  dmarcApplied: boolean;
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
export const DEFAULT_RECEIVER_SETTINGS: ReceiverSettings = { key: 'current', starttlsPlaintext: 'discard', trustedArcSealers: [] };

/** A sealer domain as the ARC-Seal's d= is compared: case-insensitive, without a trailing dot. */
export const sealerDomain = (name: string) => name.trim().replace(/\.$/, '').toLowerCase();

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

const firstPem = (pem: string) => pem.slice(0, pem.indexOf('-----END CERTIFICATE-----'));

export class ReceiverControl {
  private settingsNow: ReceiverSettings = { ...DEFAULT_RECEIVER_SETTINGS };
  /** The TLS configuration last asked for (by main.cf), before the key switch is laid over it. */
  private asked: ReceiverTlsConfig | null = null;
  /** The sender-authentication configuration last asked for (main.cf's milters), before the trusted sealers are laid over it. */
  private askedAuth: ReceiverAuthConfig = AUTH_OFF;
  private readonly setTls: (tls: ReceiverTlsConfig) => void;
  private readonly setAuth: (auth: ReceiverAuthConfig) => void;

  constructor(
    private readonly lab: StartedLab,
    private readonly keys: Record<ReceiverKey, IssuedPem>,
  ) {
    this.setTls = lab.receiver.setTls.bind(lab.receiver);
    lab.receiver.setTls = (tls) => {
      this.asked = tls;
      this.setTls(this.withKey(tls));
    };
    this.setAuth = lab.receiver.setAuth.bind(lab.receiver);
    lab.receiver.setAuth = (auth) => {
      this.askedAuth = auth;
      this.setAuth(this.withTrust(auth));
    };
  }

  static async create(lab: StartedLab): Promise<ReceiverControl> {
    const [current, next] = await Promise.all([lab.pki.leaf(MX_HOST), lab.pki.variant(MX_HOST, 'rollover')]);
    const control = new ReceiverControl(lab, { current, next });
    // What main.cf has configured so far, as engine/lab/start-lab.ts applies it; later changes come through the wrapper.
    if (lab.postconf) {
      control.asked = receiverTlsConfig(lab.postconf.settings().receiver, await loadLabCertStore(lab.pki, MX_HOST));
      control.askedAuth = receiverAuthConfig(lab.postconf.settings().receiver);
      control.setAuth(control.withTrust(control.askedAuth));
    }
    return control;
  }

  settings(): ReceiverSettings {
    return { ...this.settingsNow, trustedArcSealers: [...this.settingsNow.trustedArcSealers] };
  }

  arcTrust(): ArcTrustStatus {
    return { trustedSealers: [...this.settingsNow.trustedArcSealers], arcChecked: this.askedAuth.checks.arc, dmarcApplied: this.askedAuth.checks.dmarc && this.askedAuth.enforce };
  }

  certificatePem(key: ReceiverKey): string {
    return this.keys[key].certPem;
  }

  async apply(change: Partial<ReceiverSettings>): Promise<void> {
    const next: ReceiverSettings = {
      key: change.key ?? this.settingsNow.key,
      starttlsPlaintext: change.starttlsPlaintext ?? this.settingsNow.starttlsPlaintext,
      trustedArcSealers: change.trustedArcSealers ? [...new Set(change.trustedArcSealers.map(sealerDomain))] : this.settingsNow.trustedArcSealers,
    };
    const keyChanged = next.key !== this.settingsNow.key;
    const trustChanged = !sameList(next.trustedArcSealers, this.settingsNow.trustedArcSealers);
    this.settingsNow = next;
    this.lab.receiver.setStarttlsPlaintext(next.starttlsPlaintext);
    if (keyChanged) {
      this.setTls(this.withKey(this.asked ?? this.defaultTls()));
      this.traceKeySwitch();
    }
    if (trustChanged) {
      this.setAuth(this.withTrust(this.askedAuth));
      this.traceArcTrust();
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

  private withTrust(auth: ReceiverAuthConfig): ReceiverAuthConfig {
    return { ...auth, trustedArcSealers: [...this.settingsNow.trustedArcSealers] };
  }

  /** The receiver's local policy changed: which sealers may now vouch for a DMARC failure. */
  private traceArcTrust(): void {
    const sealers = this.settingsNow.trustedArcSealers;
    const summaryText = sealers.length ? text('arcTrust.trusted', { host: MX_HOST, sealers: sealers.join(', ') }) : text('arcTrust.none', { host: MX_HOST });
    this.lab.trace.emit({
      flow: 'config',
      link: { from: MX_HOST, to: MX_HOST },
      layer: 'note',
      dir: 'none',
      summary: english(summaryText),
      detail: { kind: 'arc-trust', sealers: [...sealers], summaryText },
      visibility: 'plaintext',
      rule: 'RFC 8617 §7.2',
    });
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
    const summaryText = text(published ? 'traceNote.receiverKeyMatches' : 'traceNote.receiverKeyMismatch', { host: MX_HOST, key, spki: status.spki[key].slice(0, 16), tlsa: TLSA_NAME });
    this.lab.trace.emit({
      flow: 'config',
      link: { from: MX_HOST, to: MX_HOST },
      layer: 'note',
      dir: 'none',
      summary: english(summaryText),
      detail: { kind: 'receiver-key', key, spki: status.spki[key], tlsaPublished: published, summaryText } satisfies NoteDetail,
      visibility: 'plaintext',
      rule: 'RFC 7671 §8.1',
    });
  }
}
