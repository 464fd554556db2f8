// A running lab made reachable: the API server, lab terminals with the lab's tools, and the run file
// that lets `smtp`, `lab hosts` and `smtp-lab mailbox` find it. Closing undoes all three.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LabRunInfo } from '../../common/lab.ts';
import type { LabRuntime } from '../lab/lab-runtime.ts';
import { startApiServer, type ApiServer } from '../api/api-server.ts';
import type { Course } from '../course/course.ts';
import { solveLab } from '../course/solve.ts';
import { toHostTable } from '../api/host-table.ts';
import { PtyManager } from '../pty/pty-manager.ts';
import { installLearnerTools } from './learner-tools.ts';
import { removeRunFile, runFilePath, writeRunFile } from './run-files.ts';

export const RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

export interface LabServerOptions {
  lab: LabRuntime;
  port?: number;
  staticDir?: string;
  /** Environment of the lab terminals (defaults to this process's). */
  terminalEnv?: NodeJS.ProcessEnv;
  /** The guided labs of this lab (docs/labs.md). */
  course?: Course;
  /** Where the run file goes (default <dataDir>/runs/<pid>.json, which `smtp-lab` commands find). */
  runFile?: string;
}

export interface LabServer {
  api: ApiServer;
  ptys: PtyManager;
  info: LabRunInfo;
  runFile: string;
  rendererBuilt: boolean;
  close(): Promise<void>;
}

export async function startLabServer(options: LabServerOptions): Promise<LabServer> {
  const { lab } = options;
  const staticDir = options.staticDir ?? RENDERER_DIR;
  const runFile = options.runFile ?? runFilePath(lab.dataDir);
  const toolsDir = installLearnerTools(lab.dataDir);
  const ptys = new PtyManager({ toolsDir, runFile, env: options.terminalEnv });
  const course = options.course;
  const courseApi = course ? { course, solveHere: (id: string) => solveLab(course, id, { toolsDir, runFile }) } : undefined;
  const api = await startApiServer({ lab, ptys, staticDir, port: options.port, ...(courseApi ? { course: courseApi } : {}) });
  const info: LabRunInfo = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    url: api.url,
    token: api.token,
    ws: api.ws,
    api: api.api,
    hosts: toHostTable(lab.hosts()),
  };
  writeRunFile(runFile, info);
  let closed = false;
  return {
    api,
    ptys,
    info,
    runFile,
    rendererBuilt: existsSync(`${staticDir}/index.html`),
    close: async () => {
      if (closed) return;
      closed = true;
      ptys.killAll();
      await api.close();
      removeRunFile(runFile);
    },
  };
}
