// `smtp-lab lab solve`: a lab's solution replayed the way a learner works: lines typed into a real
// lab terminal (a shell in a pty with `smtp`, `lab`, `labdig` on PATH), `lab ...` commands run in
// that terminal's environment, and edits sent as the UI sends them. The steps tick from what these
// do on the wire, exactly as a learner's would; the report says which did.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messageOf, renderText, text, type Text } from '../../common/i18n/text.ts';
import { errorSentence, TextError } from '../../common/i18n/text-error.ts';
import type { LabSolveReport } from '../../common/labs.ts';
import type { ServerMessage } from '../../common/protocol.ts';
import { ApiSession } from '../api/api-session.ts';
import { PtyManager } from '../pty/pty-manager.ts';
import { terminalEnv } from '../pty/shell.ts';
import type { Course } from './course.ts';
import type { SolutionAction } from './lab-schema.ts';

export const SOLVE_PROMPT = 'smtp-lab-solve$ ';
const WAIT_MS = 30_000;
const SETTLE_MS = 10_000;

export interface SolveTerminal {
  /** The lab's tools folder and run file, as the lab terminals get them. */
  toolsDir: string;
  runFile: string;
}

/** A report's error, in English and as a sentence for the learner's language. */
function failed(error: Text | string): { error: string; errorText?: Text } {
  return typeof error === 'string' ? { error } : { error: renderText('en', error), errorText: error };
}

const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Z0-9]|\r/g;

export async function solveLab(course: Course, id: string, terminal: SolveTerminal): Promise<LabSolveReport> {
  const lab = course.find(id);
  if (!lab) return { lab: id, steps: [], ...failed(text('labSolve.noLab', { id })) };
  const opened = await course.open(id);
  if (!opened.ok) return { lab: id, steps: [], ...failed(messageOf(opened)) };
  const cwd = mkdtempSync(join(tmpdir(), 'smtp-lab-solve-'));
  const env = { ...process.env, PS1: SOLVE_PROMPT, ENV: '' };
  const ptys = new PtyManager({ toolsDir: terminal.toolsDir, runFile: terminal.runFile, shell: { file: '/bin/sh', args: [] }, cwd, env });
  let output = '';
  const pty = ptys.open(160, 50, { data: (data) => (output += data.replace(ANSI, '')), exit: () => {} });
  const replies: ServerMessage[] = [];
  const session = new ApiSession({ lab: course.controls.lab, ptys: null, send: (m) => replies.push(m), systemLocale: 'en' });
  let error: Text | string | undefined;
  try {
    // A shell that never starts is the report's error, like a step that fails.
    error = await waitFor(() => output.includes(SOLVE_PROMPT), WAIT_MS, () => text('labSolve.noShell', { output: tail(output) })).then(() => undefined, errorSentence);
    for (const [index, action] of error ? [] : lab.definition.solution.entries()) {
      const problem = await perform(action);
      if (problem) {
        error = text('labSolve.step', { step: index + 1, problem });
        break;
      }
    }
    const pending = lab.definition.steps.map((s) => course.whenDone(id, s.id, error ? 0 : SETTLE_MS));
    await Promise.all(pending);
  } finally {
    pty.kill();
    ptys.killAll();
    session.dispose();
    rmSync(cwd, { recursive: true, force: true });
  }
  const state = course.state(id)!;
  return { lab: id, steps: state.steps.map((s) => ({ id: s.id, title: s.title, done: s.done })), ...(error ? failed(error) : {}) };

  async function perform(action: SolutionAction): Promise<Text | string | null> {
    if ('type' in action) {
      const line = withPorts(action.type);
      const mark = output.length;
      pty.write(`${line}\r`);
      if (action.wait === false) return null;
      const wanted = action.wait === undefined ? null : new RegExp(action.wait, 'm');
      // The echo of the typed line comes first; the prompt after it means the command ended.
      const seen = () => {
        const since = output.slice(mark);
        if (wanted) return wanted.test(since);
        const echoed = since.indexOf(line.slice(0, 40));
        return echoed >= 0 && since.indexOf(SOLVE_PROMPT, echoed) >= 0;
      };
      const shows = () => tail(output.slice(mark));
      const pattern = action.wait;
      const why = () => (pattern !== undefined ? text('labSolve.typedWaitedFor', { line, pattern, output: shows() }) : text('labSolve.typedWaitedPrompt', { line, output: shows() }));
      return waitFor(seen, WAIT_MS, why).then(() => null, errorSentence);
    }
    if ('run' in action) {
      const command = withPorts(action.run);
      const result = await runInTerminalEnv(command, cwd, terminal);
      return result.code === action.exit ? null : text('labSolve.exited', { command, code: result.code, expected: action.exit, output: tail(result.output) });
    }
    if ('edit' in action) return sendEdit(action.edit);
    const done = await course.whenDone(id, action.waitStep, WAIT_MS);
    return done ? null : text('labSolve.stepNotDone', { step: action.waitStep, seconds: WAIT_MS / 1000 });
  }

  async function sendEdit(message: Record<string, unknown>): Promise<Text | string | null> {
    const mark = replies.length;
    const outbox = course.controls.lab.sender.outbox().length;
    session.receive(message);
    const refused = () => replies.slice(mark).find((r) => r.type === 'error' || r.type === 'send.refused' || (r.type === 'dns.result' && !r.result.ok));
    try {
      await waitFor(() => Boolean(refused()) || settled(), WAIT_MS, () => text('labSolve.editNoAnswer', { edit: JSON.stringify(message) }));
    } catch (e) {
      return errorSentence(e);
    }
    const r = refused();
    if (!r) return null;
    if (r.type === 'dns.result' && !r.result.ok) return text('httpApi.withRule', { message: messageOf(r.result), rule: r.result.rule });
    return r.type === 'error' || r.type === 'send.refused' ? messageOf(r) : text('labSolve.editRefused');

    /** The edit took effect: the attacker switched, the message settled, the editor answered. */
    function settled(): boolean {
      if (message.type === 'attack.set') return course.controls.lab.attacker.status().active?.name === message.name;
      if (message.type === 'attack.off') return course.controls.lab.attacker.status().active === null;
      if (message.type === 'send.submit') {
        const newest = course.controls.lab.sender.outbox();
        return newest.length > outbox && newest[0].outcome !== null && newest[0].state !== 'delivering';
      }
      return replies.length > mark;
    }
  }

  function withPorts(text: string): string {
    return text.replace(/\{\{port ([a-z0-9.-]+) (\d+)\}\}/g, (whole, host: string, port: string) => String(course.controls.lab.hosts().find((h) => h.name === host)?.ports[port] ?? whole));
  }
}

function tail(text: string): string {
  return JSON.stringify(text.slice(-600));
}

function waitFor(check: () => boolean, ms: number, why: () => Text): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      if (check()) return resolve();
      if (Date.now() - started > ms) return reject(new TextError(why()));
      setTimeout(poll, 25);
    };
    poll();
  });
}

/** A command as the lab terminal would run it: its PATH, its run file, its working directory. */
export function runInTerminalEnv(command: string, cwd: string, terminal: SolveTerminal): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', command], { cwd, env: terminalEnv(process.env, terminal.toolsDir, terminal.runFile), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
