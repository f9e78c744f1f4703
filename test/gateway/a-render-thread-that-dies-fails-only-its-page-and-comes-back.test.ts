// A render thread that dies (here the app calls process.exit in it) fails only the page it was rendering:
// that request gets the gateway's error page, the exit is logged with how many renders it took down, pages
// keep rendering on the other thread meanwhile, and the thread is restarted (a new thread id) and serves
// pages again. The compiled gateway, as the image runs it.
import t from 'tap';
import { fileURLToPath } from 'node:url';
import { startServer, type StartedServer } from '../deploy/helpers/start-server.js';

const app = fileURLToPath(new URL('../fixtures/thread-probe-app.mjs', import.meta.url));

/** Resolves once the process has logged a line matching `pattern` (an event, not a sleep). */
function logged(server: StartedServer, pattern: RegExp): Promise<string> {
  return new Promise((resolve) => {
    const look = () => {
      const line = server.output().split('\n').find((candidate) => pattern.test(candidate));
      if (line === undefined) return false;
      server.child.stdout!.off('data', onData);
      resolve(line);
      return true;
    };
    const onData = () => setImmediate(look);
    if (!look()) server.child.stdout!.on('data', onData);
  });
}

const threadOf = async (url: string) => /thread (\d+)/.exec(await (await fetch(url)).text())?.[1];

t.test('a thread that exits mid-render', async (t) => {
  const server = await startServer(['node', 'dist/node/server/main.js'], {
    cwd: process.cwd(),
    env: { ROLE: 'gateway', HOST: '127.0.0.1', PORT: '0', ADMIN_PORT: 'off', EMULATOR: 'off', OFFLOAD: 'local-only', CACHE_MB: '0', LOG_LEVEL: 'info', SSR_APP: app, LOCAL_RENDER_THREADS: '2', WARMUP_PATHS: '/where' },
  });
  t.teardown(() => server.stop());
  await server.warm();
  const before = new Set<string | undefined>();
  // Two threads, each picked while the other is busy or not: ask until both have answered.
  for (let i = 0; i < 20 && before.size < 2; i++) before.add(await threadOf(`${server.url}/where`));
  t.equal(before.size, 2, 'two render threads answer pages');

  const exited = logged(server, /a render thread stopped/);
  const restarted = logged(server, /render thread restarted/);
  const failed = await fetch(`${server.url}/exit`);
  t.ok(failed.status >= 500, `the page whose thread died gets an error answer (${failed.status})`);
  t.match(await failed.text(), /SSR_ERR_/, 'the gateway\'s error page, with its code');
  const exit = JSON.parse(await exited);
  t.match(exit, { exitCode: 7, failedRenders: 1 }, 'the exit is logged with its code and the renders it failed');

  const meanwhile = await fetch(`${server.url}/where`);
  t.equal(meanwhile.status, 200, 'a page asked before the restart renders on the other thread');

  await restarted;
  const after = new Set<string | undefined>();
  for (let i = 0; i < 20 && after.size < 2; i++) after.add(await threadOf(`${server.url}/where`));
  t.equal(after.size, 2, 'two threads answer again');
  t.ok([...after].some((id) => !before.has(id)), 'one of them is a new thread');
});

t.test('an app whose data fails on a render thread is logged by the gateway', async (t) => {
  const server = await startServer(['node', 'dist/node/server/main.js'], {
    cwd: process.cwd(),
    env: { ROLE: 'gateway', HOST: '127.0.0.1', PORT: '0', ADMIN_PORT: 'off', EMULATOR: 'off', OFFLOAD: 'local-only', CACHE_MB: '0', LOG_LEVEL: 'info', SSR_APP: app, WARMUP_PATHS: '/where' },
  });
  t.teardown(() => server.stop());
  const line = logged(server, /page data failed to load/);
  const page = await fetch(`${server.url}/data-fails`);
  t.equal(page.status, 200, 'the app still answers its page');
  t.match(JSON.parse(await line), { url: '/data-fails', err: { message: 'catalog API answered 502' } }, 'the app\'s onError report, with its URL and error');
});

t.test('an app that cannot start on its render thread stops start-up naming SSR_APP', async (t) => {
  await t.rejects(startServer(['node', 'dist/node/server/main.js'], {
    cwd: process.cwd(),
    env: { ROLE: 'gateway', HOST: '127.0.0.1', PORT: '0', ADMIN_PORT: 'off', EMULATOR: 'off', OFFLOAD: 'local-only', LOG_LEVEL: 'info', SSR_APP: app, THREAD_PROBE_APP_BROKEN: '1' },
  }), /SSR_ERR_CONFIG[^\n]*SSR_APP[\s\S]*its data source is not configured|SSR_APP[\s\S]*its data source is not configured/);
});
