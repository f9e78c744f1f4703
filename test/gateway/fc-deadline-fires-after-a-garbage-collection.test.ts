// The FC_URL deadline still fires when a full GC runs while the call waits on a hanging upstream, and
// the upstream's socket is closed (issue #12: on Node 20 the `AbortSignal.timeout` inside
// `AbortSignal.any` was collected, nodejs/node#57736, and calls stayed open until undici's backstop or
// for good). tap has no per-file node flag, so the call runs in a child started with --expose-gc
// (test/fixtures/deadline-under-gc.ts); the child reports how the call ended.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { classifyFailure } from '../../server/offload/classify-failure.js';

const script = fileURLToPath(new URL('../fixtures/deadline-under-gc.ts', import.meta.url));

t.test('a forced GC mid-call does not lose the deadline', async (t) => {
  const child = spawn(process.execPath, ['--expose-gc', '--import=tsx', script, '300'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
  const [code] = await once(child, 'exit') as [number];
  t.equal(code, 0, 'the child ran to the end');
  const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { ended: string; name: string; socketClosed: boolean };
  t.equal(result.ended, 'rejected', 'the call did not wait for an answer that never comes');
  // undici's own HeadersTimeoutError (the +1 s backstop) would mean the deadline was lost.
  t.equal(result.name, 'TimeoutError', 'ended by our deadline, not by undici\'s backstop');
  t.equal(classifyFailure(Object.assign(new Error('x'), { name: result.name })), 'FC_TIMEOUT', 'counted as FC_TIMEOUT');
  t.equal(result.socketClosed, true, 'the upstream saw the socket closed');
});
