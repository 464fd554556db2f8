// Japanese sentences about problems in lab and scenario files.
import type { content as en } from '../en/content.ts';

export const content: Record<keyof typeof en, string> = {
  'content.cannotRead': 'ファイルを読めない（{error}）',
  'content.yaml': 'YAML：{problem}',
  'content.at': '{where}{problem}',
  'content.lessonMissing': '{lesson} がない',
  'content.stepTwice': 'steps：ID「{id}」が 2 回使われている',
  'content.answerNotChoice': 'quiz {quiz}：答え「{answer}」が選択肢にない',
  'content.waitStepUnknown': 'solution：waitStep「{step}」はこの実習のステップではない',
  'content.oneCheckKind': 'check には次のうちちょうど 1 つを書く：{kinds}',
  'content.stepId': 'ステップの id は英小文字・数字・ハイフンで書く',
  'content.domainName': 'ドメイン名を書く（例：{example}）',
  'content.recordType': 'TXT や TLSA のようなレコードタイプを書く',

  'yamlError.duplicateKey': '同じマッピングの中に同じキーが 2 回ある。キーは 1 回しか書けない',
  'yamlError.badIndent': 'インデントが正しくない：同じマッピングやリストの項目は同じ桁から始め、キーに属する内容はキーより深く字下げする',
  'yamlError.tabIndent': 'YAML のインデントにタブは使えない。空白で字下げする',
  'yamlError.blockAsKey': 'ここではリストやマッピングをキーにできない。入れ子のマッピングは、キーの下に行を分けて字下げして書く',
  'yamlError.multilineKey': 'キーは 1 行に収める必要がある。キーの後の「:」か、閉じる引用符が抜けているかもしれない',
  'yamlError.missingChar': 'ここで必要な文字が抜けている：閉じる引用符、項目の間の「,」や「:」、「:」の後や「#」の前の空白、キーの後の値のいずれか',
  'yamlError.unexpectedToken': 'YAML としてここにあるはずのないものがある：余分な文字、余分な「,」、値の後に残ったもの',
  'yamlError.blockInFlow': 'インデントで書いたリストやマッピングは [...] や {...} の中に置けない',
  'yamlError.badEscape': 'ダブルクォートの文字列に YAML が知らないエスケープシーケンスがある。バックスラッシュは \\\\ と書くか、シングルクォートで囲む',
  'yamlError.badScalarStart': '引用符なしの値はこの文字で始められない。値を引用符で囲む',
  'yamlError.multipleDocs': 'ファイルに YAML ドキュメントが複数ある（「---」）。実習やシナリオのファイルは 1 つのドキュメントにする',
};
