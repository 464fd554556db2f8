// The YAML parser's error codes (yaml's ErrorCode) as the catalogue words them. A code that is
// not here keeps the parser's own English in every language.
import type { ErrorCode } from 'yaml';
import { text, type EngineKey, type Text } from '../../common/i18n/text.ts';

const YAML_ERRORS: Partial<Record<ErrorCode, EngineKey>> = {
  DUPLICATE_KEY: 'yamlError.duplicateKey',
  BAD_INDENT: 'yamlError.badIndent',
  TAB_AS_INDENT: 'yamlError.tabIndent',
  BLOCK_AS_IMPLICIT_KEY: 'yamlError.blockAsKey',
  MULTILINE_IMPLICIT_KEY: 'yamlError.multilineKey',
  MISSING_CHAR: 'yamlError.missingChar',
  UNEXPECTED_TOKEN: 'yamlError.unexpectedToken',
  BLOCK_IN_FLOW: 'yamlError.blockInFlow',
  BAD_DQ_ESCAPE: 'yamlError.badEscape',
  BAD_SCALAR_START: 'yamlError.badScalarStart',
  MULTIPLE_DOCS: 'yamlError.multipleDocs',
};

/** The catalogue's sentence for a YAML error code, or null when the parser's English is all there is. */
export function yamlErrorText(code: ErrorCode): Text | null {
  const key = YAML_ERRORS[code];
  return key ? text('content.yaml', { problem: text(key) }) : null;
}
