// Shared by the Worker benchmarks: the CPU time and peak memory of Miniflare's workerd processes (Linux /proc).
import { readdirSync, readFileSync } from 'node:fs';

/** The /proc/<pid>/stat lines of this process's workerd children. */
function workerdStats() {
  const stats = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const comm = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (comm === 'workerd' && Number(fields[1]) === process.pid) stats.push({ pid, fields });
    } catch {
      // gone meanwhile
    }
  }
  return stats;
}

/** Peak resident memory (VmHWM, MB) of the largest workerd child: the whole runtime, an upper bound for one isolate. */
export function workerdPeakRssMb() {
  let peak = NaN;
  for (const { pid } of workerdStats()) {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    if (m) peak = Math.max(Number.isNaN(peak) ? 0 : peak, Number(m[1]) / 1024);
  }
  return peak;
}

/** CPU seconds (user + system) used so far by Miniflare's workerd children of this process (Linux /proc; NaN elsewhere). */
export function workerdCpuSec() {
  try {
    const stats = workerdStats();
    // utime, stime in clock ticks (USER_HZ = 100)
    return stats.length ? stats.reduce((sum, { fields }) => sum + (Number(fields[11]) + Number(fields[12])) / 100, 0) : NaN;
  } catch {
    return NaN;
  }
}
