import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { text } from '../../../common/i18n/text.ts';
import { defaultDataDir } from '../../lab/data-dir.ts';
import { problemLine } from '../../scenario/content-problem.ts';
import { cliLocale, say } from '../cli-locale.ts';

const CLOSE_DEADLINE_MS = 5000;

export const summary = 'start the lab and its web UI [--port N] [--json] [--no-open]';

export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, json: { type: 'boolean' }, 'no-open': { type: 'boolean' } },
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    // A usage error, as the other commands' bad arguments: exit 2.
    process.stderr.write(`smtp-lab serve: ${say(text('cliArgs.notServePort', { value: values.port ?? '' }))}\n`);
    return 2;
  }

  const [{ startLab }, { startLabServer }] = await Promise.all([import('../../lab/start-lab.ts'), import('../lab-server.ts')]);
  const lab = await startLab({ dataDir: defaultDataDir(), queue: 'disk' });
  let server;
  try {
    const { startCourse } = await import('../../course/start-course.ts');
    const { course, problems } = await startCourse(lab, { progress: 'disk' });
    for (const problem of problems) process.stderr.write(`smtp-lab serve: ${say(text('serveCli.labNotLoaded', { problem: problemLine(problem, cliLocale()) }))}\n`);
    server = await startLabServer({ lab, port, course });
  } catch (error) {
    await lab.close();
    throw error;
  }
  const redirectFile = server.runFile.replace(/\.json$/, '-open.html');
  const cleanUp = () => {
    rmSync(server.runFile, { force: true });
    rmSync(redirectFile, { force: true });
  };
  process.once('exit', cleanUp);

  const { info } = server;
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ url: info.url, token: info.token, ws: info.ws, hosts: info.hosts })}\n`);
  } else {
    const receiver = Object.entries(info.hosts).find(([, host]) => host.role === 'receiver');
    process.stdout.write(
      [
        say(text('serveCli.running')),
        `  ${say(text('serveCli.open', { url: info.url }))}`,
        receiver ? `  ${say(text('serveCli.receiver', { host: receiver[0], port: receiver[1].ports['25'], command: 'smtp-lab hosts' }))}` : '',
        server.rendererBuilt ? '' : `  ${say(text('serveCli.notBuilt', { command: 'npm run build' }))}`,
        say(text('serveCli.stop')),
        '',
      ]
        .filter((line, i, all) => line !== '' || i === all.length - 1)
        .join('\n'),
    );
  }
  if (!values['no-open'] && !process.env.CI) {
    const { openBrowser } = await import('../open-browser.ts');
    openBrowser(info.url, redirectFile);
  }

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    // Later signals (a second Ctrl-C, the launcher passing one on) must not cut the clean-up short.
    for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(name, () => resolve(name));
  });
  setTimeout(() => {
    process.stderr.write(`smtp-lab serve: ${say(text('serveCli.closeLate'))}\n`);
    cleanUp();
    process.exit(1);
  }, CLOSE_DEADLINE_MS).unref();
  if (!values.json) process.stdout.write(`\n${say(text('serveCli.stopping', { signal }))}\n`);
  await server.close();
  await lab.close();
  cleanUp();
  return 0;
}
