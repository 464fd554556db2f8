// The guided labs for a started lab: its controls, the labs/ folder, this user's progress.
import type { StartedLab } from '../lab/start-lab.ts';
import { labControls } from '../scenario/lab-controls.ts';
import type { ContentProblem } from '../scenario/content-problem.ts';
import { Course } from './course.ts';
import { loadLabs } from './lab-files.ts';
import { ProgressStore, progressFilePath } from './progress-store.ts';

export interface CourseOptions {
  /** disk: the user's progress file in the data directory; memory: nothing written (headless solve). */
  progress: 'disk' | 'memory';
  labsDir?: string;
  scenariosDir?: string;
}

/** The course, and the problems of the lab files it could not load (shown where the reader's language is known). */
export async function startCourse(lab: StartedLab, options: CourseOptions): Promise<{ course: Course; problems: ContentProblem[] }> {
  const controls = await labControls(lab);
  const { labs, problems } = await loadLabs(options.labsDir, options.scenariosDir);
  const progress = new ProgressStore(options.progress === 'disk' ? progressFilePath(lab.dataDir) : null);
  return { course: new Course(controls, labs, progress), problems };
}
