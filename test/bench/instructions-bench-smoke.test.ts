/**
 * `npm run bench:instructions` cannot rot: at a tiny size it runs the gateway and the bare render server
 * under valgrind's callgrind and must write a well-formed result, a count per page for each side, on the
 * event loop and in all threads, and their ratio. Counts, not timings: nothing here is a threshold on speed.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import t from 'tap';

// Everything runs ~50× slower under valgrind; start-up alone takes tens of seconds on 2 shared cores.
t.setTimeout(600_000);

const script = fileURLToPath(new URL('../../bench/instructions.mjs', import.meta.url));

t.test('gateway and bare counted per page, ratio computed', async (t) => {
  const outDir = mkdtempSync(join(tmpdir(), 'instructions-smoke-'));
  t.teardown(() => rmSync(outDir, { recursive: true, force: true }));
  await promisify(execFile)(process.execPath, [script], {
    env: { ...process.env, BENCH_QUICK: '1', BENCH_OUT_DIR: outDir, INSTR_WARMUP: '10', INSTR_REQUESTS: '10', INSTR_RUNS: '1', INSTR_CONNECTIONS: '4' },
    timeout: 540_000,
  });
  const result = JSON.parse(readFileSync(join(outDir, 'instructions.json'), 'utf8'));
  for (const side of ['gateway', 'bare']) {
    const run = result.runs.find((r: { name: string }) => r.name === side);
    t.equal(run?.pages, 10, `${side}: every counted page answered`);
    t.equal(run?.non2xx, 0, `${side}: every page a 2xx`);
    // A page of the demo shop is millions of instructions, on the event loop or (the gateway's default) on a
    // render thread; a count of 0 means the dump was not read.
    t.ok(result.perPage[side].main.median > 0, `${side}: event-loop instructions per page counted`);
    t.ok(result.perPage[side].all.median > 1e6, `${side}: a render's worth of instructions per page in all threads`);
    t.ok(result.perPage[side].all.median >= result.perPage[side].main.median, `${side}: all threads include the event loop`);
  }
  t.ok(Number.isFinite(result.gatewayOverBare.main) && Number.isFinite(result.gatewayOverBare.all), 'ratios computed');
  t.match(readFileSync(join(outDir, 'instructions.md'), 'utf8'), /gateway \/ bare: event loop ×[\d.]+, all threads ×[\d.]+/);
});
