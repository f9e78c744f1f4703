// A render thread that died is restarted; when the restarted thread cannot load the app (here the app's
// start-up throws while the environment says it is broken), that is reported, renders are refused at once
// rather than hung, and the thread is tried again after a longer back-off until the app loads. Real worker
// threads on the fixture app; the test waits on the pool's callbacks, not on time.
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { startRenderThreads, type RenderThreadsOptions } from '../../server/render-threads.js';
import { resolveSsrApp } from '../../server/ssr-app.js';

const spec = fileURLToPath(new URL('../fixtures/thread-probe-app.mjs', import.meta.url));

t.test('a failed restart is reported and retried with a longer back-off', async (t) => {
  const events: string[] = [];
  const waiters: Array<{ pattern: RegExp; resolve: () => void }> = [];
  const record = (event: string) => {
    events.push(event);
    for (const waiter of waiters.splice(0)) if (waiter.pattern.test(event)) waiter.resolve(); else waiters.push(waiter);
  };
  const next = (pattern: RegExp) => new Promise<void>((resolve) => waiters.push({ pattern, resolve }));
  const options: RenderThreadsOptions = {
    app: resolveSsrApp({ spec, clientDir: undefined }),
    manifest: undefined,
    count: 1,
    firstOrigin: 'https://shop.example.com',
    onAppError: () => undefined,
    onThreadExit: (exit) => record(`exit ${exit.exitCode} failed ${exit.failedRenders} restart in ${exit.restartInMs}`),
    onThreadRestarted: () => record('restarted'),
    onRestartFailed: (error, info) => record(`restart failed (${error.message}); next in ${info.restartInMs}`),
  };
  const threads = startRenderThreads(options);
  t.teardown(() => threads.close());
  await threads.ready;
  const render = threads.renderFor('https://shop.example.com');
  t.match((await render({ url: '/where', headers: {} })).html, /thread [1-9]/);

  // The next thread the pool starts sees a broken app (a worker copies the environment when it starts).
  process.env.THREAD_PROBE_APP_BROKEN = '1';
  t.teardown(() => { delete process.env.THREAD_PROBE_APP_BROKEN; });
  const failedTwice = next(/restart failed.*next in 400/);
  await t.rejects(render({ url: '/exit', headers: {} }), /render thread stopped \(exit code 7\)/, 'the render its thread took down fails');
  await t.rejects(render({ url: '/where', headers: {} }), /no render thread is running/, 'while none runs, a render is refused at once');
  await failedTwice;
  t.match(events, [
    'exit 7 failed 1 restart in 100',
    /^restart failed \(.*its data source is not configured\); next in 200$/,
    /^restart failed \(.*its data source is not configured\); next in 400$/,
  ], 'each failed restart is reported with the app\'s error and waits twice as long');

  delete process.env.THREAD_PROBE_APP_BROKEN;
  await next(/^restarted$/);
  t.match((await render({ url: '/where', headers: {} })).html, /thread [1-9]/, 'pages render again once the app loads');
});
