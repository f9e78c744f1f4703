/**
 * Reproduces the Dockerfile's runtime stage without a container engine and serves a page in every
 * role. The Dockerfile is parsed, not copied: its runtime-stage COPY sources (from the context, or
 * from the build stage's `npm run build` output, which `pretest` produced), its ENV, its RUN steps
 * (`npm ci --omit=dev …` into a temp dir), its USER (when the test runs as root) and its CMD are
 * followed as written, so a Dockerfile change that breaks the image breaks this test.
 * Not covered: the base image itself, a real build (see docs/deploy.md for the optional podman path).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import t from 'tap';
import { copySteps, execForm, parseStages, workdirOf } from './helpers/dockerfile.js';
import { repoPath } from './helpers/repo.js';
import { startServer } from './helpers/start-server.js';

const stages = parseStages();
const runtime = stages.at(-1)!;
const runtimeWorkdir = workdirOf(stages, runtime);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Maps a path inside a build stage's filesystem to the repository (the build ran `npm run build` in its WORKDIR). */
function fromStage(stageName: string, source: string): string {
  const stage = stages.find((candidate) => candidate.name === stageName);
  if (!stage) throw new Error(`COPY --from=${stageName}: no such stage`);
  const workdir = workdirOf(stages, stage).replace(/\/$/, '');
  const relative = source.startsWith('/') ? source.slice(workdir.length + 1) : source;
  if (source.startsWith('/') && !source.startsWith(`${workdir}/`)) throw new Error(`COPY --from=${stageName} ${source} is outside its WORKDIR ${workdir}`);
  return repoPath(relative);
}

const root = mkdtempSync(join(tmpdir(), 'ssr-image-'));
chmodSync(root, 0o755);
t.teardown(() => rmSync(root, { recursive: true, force: true }));
const app = join(root, runtimeWorkdir);
mkdirSync(app, { recursive: true });
const imageEnv: Record<string, string> = {};
let user: { uid: number; gid: number } | undefined;
let cmd: string[] | undefined;
let healthcheck: string[] | undefined;

t.test('the runtime stage assembles as the Dockerfile says', async (t) => {
  for (const step of runtime.steps) {
    switch (step.keyword) {
      case 'COPY': {
        const [copy] = copySteps({ ...runtime, steps: [step] });
        const destination = copy!.destination.startsWith('/') ? join(root, copy!.destination) : join(app, copy!.destination);
        for (const source of copy!.sources) {
          const from = copy!.from ? fromStage(copy!.from, source) : repoPath(source);
          t.ok(existsSync(from), `COPY ${copy!.from ? `--from=${copy!.from} ` : ''}${source} exists${copy!.from ? ' (npm run build output)' : ''}`);
          const target = copy!.destination.endsWith('/') ? join(destination, basename(from)) : destination;
          mkdirSync(join(target, '..'), { recursive: true });
          cpSync(from, target, { recursive: true });
        }
        break;
      }
      case 'ENV':
        for (const pair of step.args) {
          const eq = pair.indexOf('=');
          imageEnv[pair.slice(0, eq)] = pair.slice(eq + 1);
        }
        break;
      case 'RUN':
        for (const command of step.text.replace(/^RUN\s+/i, '').split('&&').map((part) => part.trim())) {
          if (/^npm cache clean\b/.test(command)) {
            t.pass(`skipped "${command}" (only trims the layer; here it would wipe the host's npm cache)`);
          } else if (/^npm ci\b/.test(command)) {
            // The same command, served from the local npm cache when possible.
            execFileSync('sh', ['-c', command], {
              cwd: app, stdio: 'pipe',
              env: { ...process.env, ...imageEnv, npm_config_prefer_offline: 'true', npm_config_loglevel: 'error' },
            });
            t.pass(`ran "${command}"`);
          } else {
            t.fail(`runtime-stage RUN step the smoke test does not know how to reproduce: ${command}`);
          }
        }
        break;
      case 'USER': {
        const [uid, gid] = step.args[0]!.split(':').map(Number);
        user = { uid: uid!, gid: gid ?? uid! };
        break;
      }
      case 'CMD':
        cmd = execForm(step);
        break;
      case 'HEALTHCHECK':
        healthcheck = execForm({ ...step, text: step.text.replace(/^HEALTHCHECK(\s+--\S+)*\s+/i, '') });
        break;
      default:
        break;
    }
  }
  t.ok(cmd, 'CMD found in exec form');
  t.ok(existsSync(join(app, 'node_modules/fastify/package.json')), 'production dependencies installed');
  t.notOk(existsSync(join(app, 'node_modules/tap')), 'dev dependencies left out');
});

// As root, run as the image's USER, which also proves the files are readable by it.
const runAs = process.getuid?.() === 0 && user ? user : undefined;

async function serveAs(t: typeof import('tap').default, role: string, env: Record<string, string>): Promise<void> {
  const server = await startServer(cmd!, { cwd: app, env: { ...imageEnv, HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env }, ...(runAs ? { user: runAs } : {}) });
  let stopped = false;
  t.teardown(async () => { if (!stopped) await server.stop(); });
  const page = await fetch(`${server.url}/`);
  const html = await page.text();
  t.equal(page.status, 200, `${role}: GET / → 200`);
  t.match(html, /<html/i, `${role}: answers an HTML page`);
  // Ready once the warm-up renders are done (a page before that is already answered, as above).
  if (role !== 'function') await server.warm();
  for (const path of ['/healthz', '/readyz']) t.equal((await fetch(`${server.url}${path}`)).status, 200, `${role}: GET ${path} → 200`);
  if (healthcheck) {
    const port = new URL(server.url).port;
    const [file, ...args] = healthcheck;
    const result = spawnSync(file === 'node' ? process.execPath : file!, args, {
      cwd: app, env: { PATH: process.env.PATH ?? '', ...imageEnv, ...env, ...(env.PORT !== undefined ? { PORT: port } : {}) }, timeout: 10_000,
    });
    t.equal(result.status, 0, `${role}: the image HEALTHCHECK passes`);
  }
  stopped = true;
  const code = await server.stop();
  t.equal(code, 0, `${role}: SIGTERM drains and exits 0 (exec-form CMD, node handles the signal)`, { output: code === 0 ? '' : server.output().slice(-2000) });
}

t.test('ROLE=renderer serves a page', async (t) => {
  await serveAs(t, 'renderer', { ROLE: 'renderer', PORT: '0' });
});

t.test('ROLE=function serves a page on the port FC gives it', async (t) => {
  const port = await freePort();
  await serveAs(t, 'function', { ROLE: 'function', FC_CUSTOM_LISTEN_PORT: String(port) });
});

t.test('ROLE=gateway (EMULATOR=off OFFLOAD=local-only) serves a page', async (t) => {
  await serveAs(t, 'gateway', { ROLE: 'gateway', PORT: '0', EMULATOR: 'off', OFFLOAD: 'local-only' });
});
