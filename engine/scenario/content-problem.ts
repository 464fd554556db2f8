// A problem found in a lab or scenario file, reported as FILE:LINE:COLUMN: what is wrong.
export interface ContentProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export type ContentResult<T> = { ok: true; value: T } | { ok: false; problems: ContentProblem[] };

export const problemText = (p: ContentProblem): string => `${p.file}:${p.line}:${p.column}: ${p.message}`;
