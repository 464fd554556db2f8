// Sentences the engine wrote as catalogue Texts (common/i18n), rendered in the language of the
// UI dictionary in use. A plain string (an older event, a protocol line) is shown as it is.
import type { Locale } from '../../../common/protocol.ts';
import { isText, renderText, type Text } from '../../../common/i18n/text.ts';
import type { MessageKey, MessageParams } from './i18n/index.ts';

type Translate = (key: MessageKey, params?: MessageParams) => string;

/** The locale of a UI translate function: each dictionary names its own. */
export function localeOf(t: Translate): Locale {
  return t('app.locale') === 'ja' ? 'ja' : 'en';
}

/** A Text (or a string kept verbatim) in the language of `t`. */
export function say(t: Translate, value: Text | string): string {
  return renderText(localeOf(t), value);
}

/** An engine record's reason: its Text in the language of `t`, else its English string. */
export function sayReason(t: Translate, record: { reason?: unknown; reasonText?: unknown }): string {
  if (isText(record.reasonText)) return say(t, record.reasonText);
  return typeof record.reason === 'string' ? record.reason : '';
}
