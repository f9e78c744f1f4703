/**
 * 7. Memory — gateway (fc-first, healthy FC) after a warm-up and after 10k and 100k requests in total
 * (BENCH_MEMORY_REQUESTS): RSS from /proc/<pid>/status VmRSS, and the heap still in use after a full
 * collection (bench/servers/gc-probe.mjs). The leak check is the heap after GC: a lone RSS sample swings by
 * ±30 MB with V8's collection cycle and made a flat process look like it grew 12 MB per 10k requests.
 * nginx's master + workers are read the same way for reference.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { runLoad } from '../lib/load.mjs';
import { pageUrl } from '../lib/measure.mjs';
import { assertAlive, rssBytes } from '../lib/processes.mjs';
import { round } from '../lib/stats.mjs';

const mb = (bytes) => round(bytes / (1024 * 1024), 1);

/** RSS of a process and its direct children (nginx workers). */
function treeRss(pid) {
  let total = rssBytes(pid);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) total += rssBytes(Number(entry));
    } catch { /* exited */ }
  }
  return total;
}

export default {
  id: '7-memory',
  title: 'Memory: gateway heap after a full GC, and RSS, after 10k and 100k requests',
  baselineName: 'nginx',
  oursName: 'gateway',
  async run(stack, knobs, log) {
    const fc = await stack.fc();
    await fc.heal();
    const gateway = await stack.gateway('fc-first', { gcProbe: true });
    const nginx = await stack.nginx().catch(() => undefined);
    const url = pageUrl(gateway, knobs);
    await runLoad({ url, connections: knobs.connections, amount: 500, classify: gateway.classify });
    const sample = async () => {
      const rssMb = mb(rssBytes(gateway.pid));
      const probe = await gateway.heapAfterGc();
      return { rssMb, heapAfterGcMb: mb(probe.heapUsedBytes), rssAfterGcMb: mb(probe.rssBytes) };
    };
    const checkpoints = [{ requests: 0, ...(await sample()) }];
    let done = 0;
    for (const target of knobs.memoryCheckpoints) {
      assertAlive(gateway);
      const result = await runLoad({ url, connections: knobs.connections, amount: target - done, classify: gateway.classify });
      done = target;
      checkpoints.push({ requests: target, ...(await sample()), rps: result.rps, failed: result.errors + result.non2xx, fcShare: result.fcShare });
      const at = checkpoints.at(-1);
      log(`  after ${target} requests: gateway RSS ${at.rssMb} MB, heap after GC ${at.heapAfterGcMb} MB (${result.rps} req/s)`);
    }
    let nginxRssMb = null;
    if (nginx) {
      await runLoad({ url: pageUrl(nginx, knobs), connections: knobs.connections, amount: 2000, classify: nginx.classify });
      nginxRssMb = mb(treeRss(nginx.pid));
    }
    const first = checkpoints[1];
    const last = checkpoints.at(-1);
    return {
      ours: { checkpoints },
      baseline: { rssMb: nginxRssMb, note: 'nginx master + workers after 2k requests' },
      growth: {
        // Heap-after-GC growth between the first and last checkpoint per 10k requests: ~0 when nothing leaks.
        mbPer10kRequests: last.requests > first.requests ? round(((last.heapAfterGcMb - first.heapAfterGcMb) / (last.requests - first.requests)) * 10_000, 2) : null,
        lastOverFirst: round(last.heapAfterGcMb / first.heapAfterGcMb, 3),
        rssLastOverFirst: round(last.rssMb / first.rssMb, 3),
      },
    };
  },
};
