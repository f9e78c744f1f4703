// LOCAL_RENDER_THREADS=auto (the default) gives the gateway one render thread per CPU beyond the event loop's:
// none on one CPU, where a thread would only take turns with the event loop. The CPUs are the smaller of the
// ones the process may be scheduled on and its cgroup quota (a Kubernetes CPU limit), rounded up; `taskset`
// to one core turns the threads off. A number is taken as it is, anything else stops start-up naming it.
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import t from 'tap';
import { autoRenderThreads, availableCpus, cgroupCpuQuota } from '../../server/available-cpus.js';
import { loadConfig } from '../../server/config.js';

const files = (entries: Record<string, string>) => (path: string) => entries[path];

t.test('the cgroup quota, v2 and v1', async (t) => {
  t.equal(cgroupCpuQuota(files({ '/sys/fs/cgroup/cpu.max': '200000 100000\n' })), 2, 'limits.cpu "2"');
  t.equal(cgroupCpuQuota(files({ '/sys/fs/cgroup/cpu.max': '150000 100000' })), 1.5, 'limits.cpu 1500m');
  t.equal(cgroupCpuQuota(files({ '/sys/fs/cgroup/cpu.max': 'max 100000' })), undefined, 'no limit');
  t.equal(cgroupCpuQuota(files({ '/sys/fs/cgroup/cpu/cpu.cfs_quota_us': '50000', '/sys/fs/cgroup/cpu/cpu.cfs_period_us': '100000' })), 0.5, 'cgroup v1, 500m');
  t.equal(cgroupCpuQuota(files({ '/sys/fs/cgroup/cpu/cpu.cfs_quota_us': '-1', '/sys/fs/cgroup/cpu/cpu.cfs_period_us': '100000' })), undefined, 'cgroup v1, no limit');
  t.equal(cgroupCpuQuota(files({})), undefined, 'no cgroup files');
});

t.test('CPUs: the smaller of the schedulable ones and the quota, rounded up', async (t) => {
  t.equal(availableCpus(files({ '/sys/fs/cgroup/cpu.max': '200000 100000' }), 16), 2, 'a 2-CPU pod on a 16-core node');
  t.equal(availableCpus(files({ '/sys/fs/cgroup/cpu.max': '150000 100000' }), 16), 2, '1500m rounds up');
  t.equal(availableCpus(files({ '/sys/fs/cgroup/cpu.max': '50000 100000' }), 16), 1, '500m is one CPU');
  t.equal(availableCpus(files({ '/sys/fs/cgroup/cpu.max': 'max 100000' }), 4), 4, 'no quota: the schedulable CPUs');
  t.equal(availableCpus(files({ '/sys/fs/cgroup/cpu.max': '800000 100000' }), 2), 2, 'a quota above the cores the process may use');
});

t.test('auto: one thread per CPU beyond the first, at most 8', async (t) => {
  t.same([1, 2, 3, 4, 16].map(autoRenderThreads), [0, 1, 2, 3, 8]);
});

t.test('the gateway\'s configuration: auto by default, a number as given, anything else refused', async (t) => {
  const auto = loadConfig({ ROLE: 'gateway' }).local;
  t.equal(auto.renderThreadsSetting, 'auto');
  t.equal(auto.renderThreads, autoRenderThreads(auto.cpus!), `auto on this machine: ${auto.cpus} CPU(s) → ${auto.renderThreads}`);
  t.equal(loadConfig({ ROLE: 'gateway', LOCAL_RENDER_THREADS: '3' }).local.renderThreads, 3);
  t.equal(loadConfig({ ROLE: 'gateway', LOCAL_RENDER_THREADS: '0' }).local.renderThreads, 0, '0: on the event loop');
  for (const bad of ['two', '-1', '65', '1.5']) {
    t.throws(() => loadConfig({ ROLE: 'gateway', LOCAL_RENDER_THREADS: bad }), { code: 'SSR_ERR_CONFIG', message: /^LOCAL_RENDER_THREADS / }, `"${bad}" refused`);
  }
  t.equal(loadConfig({ ROLE: 'renderer' }).local.renderThreads, 0, 'other roles render on their event loop');
});

t.test('taskset to one core: auto turns the threads off', { skip: availableParallelism() < 2 && 'needs 2 CPUs' }, async (t) => {
  const script = "import('./server/config.ts').then(({ loadConfig }) => console.log(loadConfig({ ROLE: 'gateway' }).local.renderThreads))";
  const run = (cpus: string) => Number(execFileSync('taskset', ['-c', cpus, process.execPath, '--import=tsx', '-e', script], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } }).trim());
  t.equal(run('0'), 0, 'one schedulable core: no render thread');
  t.equal(run('0,1'), autoRenderThreads(availableCpus(undefined, 2)), 'two cores: as the quota allows');
});
