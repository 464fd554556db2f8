// `lab isp`: whether the learner's ISP blocks outbound port 25 (OP25B); `lab isp op25b on|off`.
import type { IspStatus } from '../../api/isp-api.ts';
import { apiPost, requireRun } from '../lab-client.ts';

export const summary = 'isp [op25b on|off]: the terminal\'s ISP blocks outbound port 25 (OP25B)';

const USAGE = 'usage: lab isp [op25b on|off]\n';

export async function run(argv: string[]): Promise<number> {
  const [sub, value, ...rest] = argv;
  if ((sub !== undefined && (sub !== 'op25b' || (value !== 'on' && value !== 'off'))) || rest.length) {
    process.stderr.write(USAGE);
    return 2;
  }
  const status = await apiPost<IspStatus>(requireRun().info, '/api/isp', sub ? { op25b: value === 'on' } : {});
  process.stdout.write(status.op25b ? 'OP25B on: the terminal cannot reach port 25 of any host; submit on port 587 with SMTP AUTH\n' : 'OP25B off: the terminal reaches port 25 directly\n');
  return 0;
}
