// The conventional lab to compare with: Postfix and Knot from Debian, as STACK.md measured them.
// Recorded as not measured, with the reason, until this bench runs such a lab itself.
import { spawnSync } from 'node:child_process';
import { record } from './measure.ts';

const has = (command: string, args: string[]) => {
  try {
    return spawnSync(command, args, { stdio: 'ignore' }).error === undefined;
  } catch {
    return false;
  }
};
const postfix = has('/usr/sbin/postconf', ['-d', 'mail_version']);
const knot = has('knotd', ['--version']);
const missing = [postfix ? '' : 'postfix', knot ? '' : 'knot'].filter(Boolean);
const why = missing.length > 0 ? `not installed here: ${missing.join(', ')} (apt-get install ${missing.join(' ')})` : 'installed, but this bench does not yet run a Postfix + Knot lab';
console.log(`postfix: ${postfix ? 'installed' : 'not installed'}, knot: ${knot ? 'installed' : 'not installed'}; ${why}`);
record('peers.postfixKnotStartMs', null);
record('notes.peers_postfixKnotStartMs', why);
record('peers.postfixStarttlsMs', null);
record('notes.peers_postfixStarttlsMs', postfix ? 'Postfix is installed, but this bench does not yet run a Postfix instance of its own' : why);
