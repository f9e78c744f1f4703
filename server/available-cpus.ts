/**
 * How many CPUs this process may use: the smaller of the CPUs it may be scheduled on
 * (`os.availableParallelism()`, which follows `taskset`/cpusets) and its cgroup's CPU quota, rounded up — a
 * Kubernetes `limits.cpu: "2"` is the cgroup v2 `cpu.max` "200000 100000" (quota and period in µs;
 * https://docs.kernel.org/admin-guide/cgroup-v2.html#cpu-interface-files) or, on cgroup v1,
 * `cpu.cfs_quota_us` / `cpu.cfs_period_us` (https://docs.kernel.org/scheduler/sched-bwc.html). Node 20's
 * availableParallelism does not read the quota, so a pod limited to 1 CPU on a 16-core node would see 16.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

type ReadFile = (path: string) => string | undefined;

const readIfThere: ReadFile = (path) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};

/** The cgroup's quota in CPUs (fractional), or undefined when there is none ("max", -1) or no cgroup file. */
export function cgroupCpuQuota(read: ReadFile = readIfThere): number | undefined {
  const v2 = read('/sys/fs/cgroup/cpu.max')?.trim().split(/\s+/);
  if (v2 && v2.length === 2) {
    const [quota, period] = v2.map(Number);
    return v2[0] === 'max' || !(quota! > 0) || !(period! > 0) ? undefined : quota! / period!;
  }
  const quota = Number(read('/sys/fs/cgroup/cpu/cpu.cfs_quota_us')?.trim());
  const period = Number(read('/sys/fs/cgroup/cpu/cpu.cfs_period_us')?.trim());
  return quota > 0 && period > 0 ? quota / period : undefined;
}

export function availableCpus(read: ReadFile = readIfThere, scheduled: number = availableParallelism()): number {
  const quota = cgroupCpuQuota(read);
  return Math.max(1, quota === undefined ? scheduled : Math.min(scheduled, Math.ceil(quota)));
}

/**
 * `LOCAL_RENDER_THREADS=auto`: one render thread per CPU beyond the first (which the event loop keeps), at most
 * 8; none on a single CPU, where a thread would only take turns with the event loop on that CPU (bench: the
 * threaded gateway pinned to one core served ×0.89 of the pages (median of 5 rounds) of the same gateway rendering on its event loop).
 */
export function autoRenderThreads(cpus: number): number {
  return Math.min(8, Math.max(0, cpus - 1));
}
