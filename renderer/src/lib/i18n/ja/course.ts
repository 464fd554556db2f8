// Japanese UI text: the guided labs: the Labs menu, the lesson pane, its steps, hints and quiz.
import type { course as en } from '../en/course.ts';

export const course: Record<keyof typeof en, string> = {
  'course.menu': '実習',
  'course.menuTitle': 'ガイド付き実習',
  'course.menuIntro':
    '実習ごとに、ひとつのテーマに合わせて実習環境が準備されます。端末の横に解説が表示され、あなたの操作を実習環境が確認するたびにステップにチェックが付きます。',
  'course.menuEmpty': '読み込まれた実習はありません。',
  'course.progress': '{done}/{total}',
  'course.progressLabel': '{total} ステップ中 {done} 完了',
  'course.open': '開く',
  'course.showing': '表示中',
  'course.complete': 'すべて完了',

  'lesson.pane': '解説',
  'lesson.number': '実習 {number}',
  'lesson.hide': '解説を隠す',
  'lesson.show': '解説',
  'lesson.showTitle': '「{title}」の解説を表示する',
  'lesson.resize': 'ドラッグして解説の幅を変える',
  'lesson.opening': '「{title}」の実習環境を準備しています（受信箱、送信側のキュー、DNS ゾーン、ポリシーホスト、攻撃者、main.cf）…',
  'lesson.unknownLab': 'アドレスで指定された実習「{id}」はありません。ヘッダーの「実習」メニューから選んでください。',
  'lesson.notActive':
    '動いている実習環境は、もうこの実習のための状態ではありません（別の実習を開いたか、実習環境をリセットしました）。ステップにチェックが付くのは、この実習の状態のときだけです。',
  'lesson.setUp': 'もう一度準備する',

  'lesson.steps': 'ステップ',
  'lesson.stepsHelp': '実習環境が実際にそれが起きたのを確認すると、自動でチェックが付きます。',
  'lesson.stepDone': '完了',
  'lesson.stepTodo': '未完了',
  'lesson.hint': 'ヒント',
  'lesson.nextHint': '次のヒント（{shown}/{total}）',
  'lesson.noticeStep': '✓ ステップ完了：{title}',
  'lesson.noticeReset': '実習環境を最初の状態に戻しました。受信箱と送信側のキューは空、攻撃者はオフ、DNS・ポリシーホスト・main.cf は実習の開始時のとおりです。チェックはそのまま残っています。',
  'lesson.allDone': '{total} ステップすべて完了しました。下の確認クイズに挑戦するか、最初からやり直して練習しましょう。',

  'lesson.quiz': '確認クイズ',
  'lesson.quizHelp': '答えを選ぶと、正しいかどうかとその理由が表示されます。選び直すこともできます。',
  'lesson.correct': '正解です。',
  'lesson.incorrect': '残念、違います。',
  'lesson.yourAnswer': 'あなたの答え',

  'lesson.copy': 'コピー',
  'lesson.copied': 'コピーしました',

  'lesson.again': 'この実習を最初からやり直す',
  'lesson.againHelp': '受信箱、キュー、DNS、ポリシーホスト、攻撃者、main.cf を実習の開始時の状態に戻します。チェックは残ります。',
  'lesson.againConfirm':
    '「{title}」を最初からやり直しますか？\n\n受信箱と送信側のキューは空になり、DNS ゾーンとそのモード、MTA-STS ポリシー、攻撃者、main.cf は実習の開始時の状態に戻ります。チェックの付いたステップとクイズの答えは残ります。',
  'lesson.resetProgress': '進み具合をリセット',
  'lesson.resetProgressHelp': 'この実習のステップのチェックとクイズの答えを消します。動いている実習環境には触れません。',
  'lesson.resetProgressConfirm': '「{title}」のステップのチェックとクイズの答えを消しますか？\n\n動いている実習環境は変わりません。',
};
