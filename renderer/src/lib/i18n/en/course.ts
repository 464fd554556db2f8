// English UI text: the guided labs: the Labs menu, the lesson pane, its steps, hints and quiz.

export const course = {
  'course.menu': 'Labs',
  'course.menuTitle': 'Guided labs',
  'course.menuIntro':
    'Each lab sets the lab network up for one idea, shows its lesson beside the terminal and ticks each step when the lab sees you do it.',
  'course.menuEmpty': 'No guided labs were loaded.',
  'course.progress': '{done}/{total}',
  'course.progressLabel': '{done} of {total} steps done',
  'course.open': 'Open',
  'course.showing': 'Open now',
  'course.complete': 'All done',

  'lesson.pane': 'Lesson',
  'lesson.number': 'Lab {number}',
  'lesson.hide': 'Hide the lesson',
  'lesson.show': 'Lesson',
  'lesson.showTitle': 'Show the lesson of “{title}”',
  'lesson.resize': 'Drag to resize the lesson',
  'lesson.opening': 'Setting up the lab for “{title}”: mailbox, sender’s queue, DNS zones, policy host, attacker and main.cf…',
  'lesson.unknownLab': 'The address asks for a lab named “{id}”, but there is none. Pick one from the Labs menu.',
  'lesson.notActive':
    'The running lab is not set up for this lab any more (another lab was opened, or the lab was reset). Steps tick only while it is.',
  'lesson.setUp': 'Set it up again',

  'lesson.steps': 'Steps',
  'lesson.stepsHelp': 'Each step ticks by itself when the lab sees it happen. Nothing to click.',
  'lesson.stepDone': 'done',
  'lesson.stepTodo': 'not done yet',
  'lesson.hint': 'Hint',
  'lesson.nextHint': 'Another hint ({shown}/{total})',
  'lesson.noticeStep': '✓ Step done: {title}',
  'lesson.noticeReset': 'The lab was set up again from its start: mailbox and sender’s queue empty, attacker off, DNS, policy host and main.cf as the lab begins. Your ticks are kept.',
  'lesson.allDone': 'All {total} steps done. Try the quiz below, or start again to practise.',

  'lesson.quiz': 'Quiz',
  'lesson.quizHelp': 'Pick an answer: you see whether it is right and why. You can change it.',
  'lesson.correct': 'Correct.',
  'lesson.incorrect': 'Not quite.',
  'lesson.yourAnswer': 'your answer',

  'lesson.copy': 'Copy',
  'lesson.copied': 'Copied',

  'lesson.again': 'Start this lab again',
  'lesson.againHelp': 'Puts the mailbox, the queue, DNS, the policy host, the attacker and main.cf back to the lab’s start. Ticks are kept.',
  'lesson.againConfirm':
    'Start “{title}” again?\n\nThe mailbox and the sender’s queue are emptied; the DNS zones and their modes, the MTA-STS policy, the attacker and main.cf go back to how the lab begins. Your ticked steps and quiz answers are kept.',
  'lesson.resetProgress': 'Reset my progress',
  'lesson.resetProgressHelp': 'Unticks the steps and clears the quiz answers of this lab. The running lab is not touched.',
  'lesson.resetProgressConfirm': 'Forget your ticked steps and quiz answers for “{title}”?\n\nThe running lab is not changed.',
} satisfies Record<string, string>;
