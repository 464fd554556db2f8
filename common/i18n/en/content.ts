// English sentences about problems in lab and scenario files (engine/scenario/yaml-parse.ts,
// engine/course/lab-files.ts). For a YAML syntax error the English shown is the parser's own
// sentence, which names the exact character; the yamlError.* entries say what each of its error
// codes means, for the other languages.

export const content = {
  'content.cannotRead': 'cannot read the file ({error})',
  'content.yaml': 'YAML: {problem}',
  'content.at': '{where}{problem}',
  'content.lessonMissing': '{lesson} is missing',
  'content.stepTwice': 'steps: the id "{id}" is used twice',
  'content.answerNotChoice': 'quiz {quiz}: the answer "{answer}" is not one of its choices',
  'content.waitStepUnknown': 'solution: waitStep "{step}" is not a step of this lab',
  'content.oneCheckKind': 'a check has exactly one of: {kinds}',
  'content.stepId': 'a step id is lower-case letters, digits and dashes',
  'content.domainName': 'a domain name, e.g. {example}',
  'content.recordType': 'a record type such as TXT or TLSA',

  'yamlError.duplicateKey': 'a key appears twice in the same mapping; each key may appear only once',
  'yamlError.badIndent': 'wrong indentation: the items of one mapping or list start at the same column, and what belongs to a key is indented further than the key',
  'yamlError.tabIndent': 'tabs cannot indent YAML; indent with spaces',
  'yamlError.blockAsKey': 'a list or a mapping cannot be a key here; write a nested mapping on lines of its own, indented below its key',
  'yamlError.multilineKey': 'a key must fit on one line; a ":" after the key or a closing quote may be missing',
  'yamlError.missingChar': 'a character is missing here: a closing quote, a "," or ":" between items, a space after ":" or before "#", or the value after a key',
  'yamlError.unexpectedToken': 'YAML does not expect this here: a stray character, an extra ",", or something left after a value',
  'yamlError.blockInFlow': 'a list or a mapping written with indentation cannot stand inside [...] or {...}',
  'yamlError.badEscape': 'a double-quoted string holds an escape sequence YAML does not know; write \\\\ for a backslash, or use single quotes',
  'yamlError.badScalarStart': 'a plain value cannot start with this character; put the value in quotes',
  'yamlError.multipleDocs': 'the file holds more than one YAML document ("---"); a lab or scenario file is one document',
} as const;
