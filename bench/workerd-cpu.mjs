// Shared by the Worker benchmarks: the CPU time of Miniflare's workerd processes.
import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds (user + system) used so far by Miniflare's workerd children of this process (Linux /proc; NaN elsewhere). */
export function workerdCpuSec() {
  let sum = 0;
  let found = false;
  try {
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      let stat;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue;
      }
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (comm !== 'workerd' || Number(fields[1]) !== process.pid) continue;
      found = true;
      sum += (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
    }
  } catch {
    return NaN;
  }
  return found ? sum : NaN;
}
