// The guided labs as the renderer, the CLI and tests see them (docs/labs.md): the list with
// progress, one lab's lesson, steps, hints and quiz, and what `lab solve` reports.
import type { LocalizedText } from './attack.ts';
import type { Text } from './i18n/text.ts';

export type { LocalizedText };

/** One entry of the Labs menu. */
export interface LabSummary {
  /** The folder name under labs/, e.g. "04-starttls-stripping". */
  id: string;
  number: number;
  title: LocalizedText;
  summary: LocalizedText;
  /** How many steps the lab has. */
  steps: number;
  /** How many of them this user has done. */
  done: number;
}

export interface LabStepState {
  id: string;
  title: LocalizedText;
  /** Shown one at a time, on request. */
  hints: LocalizedText[];
  done: boolean;
}

export interface LabQuizChoice {
  id: string;
  text: LocalizedText;
}

export interface LabQuizQuestion {
  id: string;
  question: LocalizedText;
  choices: LabQuizChoice[];
  /** The learner's last answer; the correct choice and the explanation are only given once answered. */
  answered?: { choice: string; correct: boolean; explanation: LocalizedText };
}

/** `lab.state`: everything the lesson pane shows of one lab. */
export interface LabState {
  id: string;
  title: LocalizedText;
  /** Markdown source of lesson.ja.md and lesson.en.md. */
  lesson: LocalizedText;
  steps: LabStepState[];
  quiz: LabQuizQuestion[];
  /** This lab is the one the running lab was set up for (opened or reset last). */
  active: boolean;
}

/** `smtp-lab lab solve NAME --json`. */
export interface LabSolveReport {
  lab: string;
  steps: { id: string; title: LocalizedText; done: boolean }[];
  /** The solution action that failed (command exit status, missing output), if one did. */
  error?: string;
  /** The same in the learner's language. */
  errorText?: Text;
}
