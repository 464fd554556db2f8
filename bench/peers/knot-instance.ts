// A throwaway Knot DNS of its own: one zone, signed by knotd itself (dnssec-signing: on, keys
// made at start in a key directory of its own), answering on 127.0.0.1:PORT over UDP and TCP.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const KNOT_ZONE = 'lab.example';

export interface KnotInstance {
  port: number;
  log(): string;
  stop(): Promise<void>;
}

const ZONE = `$ORIGIN ${KNOT_ZONE}.
$TTL 300
@ SOA ns.${KNOT_ZONE}. hostmaster.${KNOT_ZONE}. 1 3600 600 86400 300
@ NS ns
ns A 127.0.0.1
@ MX 10 mx
mx A 127.0.0.1
`;

/** Writes the configuration and the zone; `start` launches knotd in the foreground. */
export function prepareKnot(dir: string, port: number): { start(): KnotInstance } {
  mkdirSync(join(dir, 'keys'), { recursive: true });
  writeFileSync(join(dir, `${KNOT_ZONE}.zone`), ZONE);
  const config = join(dir, 'knot.conf');
  writeFileSync(
    config,
    `server:
    rundir: "${dir}"
    listen: 127.0.0.1@${port}
log:
  - target: stderr
    any: info
database:
    storage: "${dir}"
    kasp-db: "${join(dir, 'keys')}"
policy:
  - id: lab
    algorithm: ecdsap256sha256
zone:
  - domain: ${KNOT_ZONE}
    storage: "${dir}"
    file: "${KNOT_ZONE}.zone"
    dnssec-signing: on
    dnssec-policy: lab
`,
  );
  return {
    start() {
      const child: ChildProcess = spawn('knotd', ['-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
      let log = '';
      child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
      const exited = once(child, 'exit');
      return {
        port,
        log: () => log,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
          await exited;
          clearTimeout(timer);
        },
      };
    },
  };
}
