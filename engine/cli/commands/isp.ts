// `lab isp`: whether the learner's ISP blocks outbound port 25 (OP25B); `lab isp op25b on|off`.
import type { IspStatus } from '../../api/isp-api.ts';
import { text } from '../../../common/i18n/text.ts';
import { apiPost, requireRun } from '../lab-client.ts';
import { say } from '../cli-locale.ts';

export const summary = 'isp [op25b on|off]: the terminal\'s ISP blocks outbound port 25 (OP25B)';

const USAGE = 'usage: lab isp [op25b on|off]\n';

export async function run(argv: string[]): Promise<number> {
  const [sub, value, ...rest] = argv;
  if ((sub !== undefined && (sub !== 'op25b' || (value !== 'on' && value !== 'off'))) || rest.length) {
    process.stderr.write(USAGE);
    return 2;
  }
  const status = await apiPost<IspStatus>(requireRun().info, '/api/isp', sub ? { op25b: value === 'on' } : {});
  process.stdout.write(`${say(text(status.op25b ? 'ispCli.on' : 'ispCli.off'))}\n`);
  return 0;
}
