// IANA names for the TLS values a learner meets in the lab (TLS Cipher Suites, Alert and
// ExtensionType registries).
import { CIPHER_SUITE_NAMES } from './tls-cipher-suites.ts';

export const TLS_FALLBACK_SCSV = 0x5600; // RFC 7507 §2
export const TLS_EMPTY_RENEGOTIATION_INFO_SCSV = 0x00ff; // RFC 5746 §3.3

const hex4 = (v: number) => `0x${v.toString(16).padStart(4, '0')}`;

/** GREASE values (RFC 8701 §2) look like 0x?a?a with both bytes equal. */
export const isGrease = (v: number) => (v & 0x0f0f) === 0x0a0a && v >> 8 === (v & 0xff);

export function cipherSuiteName(code: number): string {
  if (isGrease(code)) return 'GREASE';
  return CIPHER_SUITE_NAMES[code] ?? hex4(code);
}

export function tlsVersionName(code: number): string {
  switch (code) {
    case 0x0304:
      return 'TLSv1.3';
    case 0x0303:
      return 'TLSv1.2';
    case 0x0302:
      return 'TLSv1.1';
    case 0x0301:
      return 'TLSv1';
    case 0x0300:
      return 'SSLv3';
  }
  return isGrease(code) ? 'GREASE' : hex4(code);
}

const ALERTS: Record<number, string> = {
  0: 'close_notify',
  10: 'unexpected_message',
  20: 'bad_record_mac',
  22: 'record_overflow',
  40: 'handshake_failure',
  42: 'bad_certificate',
  43: 'unsupported_certificate',
  44: 'certificate_revoked',
  45: 'certificate_expired',
  46: 'certificate_unknown',
  47: 'illegal_parameter',
  48: 'unknown_ca',
  49: 'access_denied',
  50: 'decode_error',
  51: 'decrypt_error',
  70: 'protocol_version',
  71: 'insufficient_security',
  80: 'internal_error',
  86: 'inappropriate_fallback',
  90: 'user_canceled',
  100: 'no_renegotiation',
  109: 'missing_extension',
  110: 'unsupported_extension',
  112: 'unrecognized_name',
  113: 'bad_certificate_status_response',
  115: 'unknown_psk_identity',
  116: 'certificate_required',
  120: 'no_application_protocol',
};

export function alertName(code: number): string {
  return ALERTS[code] ?? `alert ${code}`;
}

const HANDSHAKE_TYPES: Record<number, string> = {
  0: 'HelloRequest',
  1: 'ClientHello',
  2: 'ServerHello',
  4: 'NewSessionTicket',
  5: 'EndOfEarlyData',
  8: 'EncryptedExtensions',
  11: 'Certificate',
  12: 'ServerKeyExchange',
  13: 'CertificateRequest',
  14: 'ServerHelloDone',
  15: 'CertificateVerify',
  16: 'ClientKeyExchange',
  20: 'Finished',
  24: 'KeyUpdate',
};

export function handshakeTypeName(code: number): string {
  return HANDSHAKE_TYPES[code] ?? `handshake type ${code}`;
}

const EXTENSIONS: Record<number, string> = {
  0: 'server_name',
  5: 'status_request',
  10: 'supported_groups',
  11: 'ec_point_formats',
  13: 'signature_algorithms',
  16: 'application_layer_protocol_negotiation',
  18: 'signed_certificate_timestamp',
  22: 'encrypt_then_mac',
  23: 'extended_master_secret',
  35: 'session_ticket',
  41: 'pre_shared_key',
  42: 'early_data',
  43: 'supported_versions',
  45: 'psk_key_exchange_modes',
  49: 'post_handshake_auth',
  51: 'key_share',
  0xff01: 'renegotiation_info',
};

export function extensionName(code: number): string {
  if (isGrease(code)) return 'GREASE';
  return EXTENSIONS[code] ?? `extension ${code}`;
}
