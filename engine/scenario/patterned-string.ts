// A string a pattern accepts, for the content schemas: a mismatch is reported with the file
// format's own sentence, as a catalogue Text yaml-parse.ts words in the reader's language.
import { z } from 'zod';
import { english, type Text } from '../../common/i18n/text.ts';

export const patternedString = (pattern: RegExp, why: Text) => z.string().refine((value) => pattern.test(value), { message: english(why), params: { messageText: why } });
