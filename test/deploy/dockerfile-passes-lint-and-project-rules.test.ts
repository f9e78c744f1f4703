/**
 * The Dockerfile passes the dockerfile-utils linter with no diagnostics, and the project's own rules
 * (dockerfile-ast): deps → build → runtime stages on a maintained Node LTS slim base, production-only
 * `npm ci` in the runtime stage, NODE_ENV=production, a numeric non-root USER, exec-form CMD that
 * starts the built server, both role ports exposed, no secrets in layers, a .dockerignore that keeps
 * the context clean but keeps what the build needs.
 */
import { existsSync } from 'node:fs';
import t from 'tap';
import { validate } from 'dockerfile-utils';
import { copySteps, dockerfileText, dockerignorePatterns, execForm, isIgnored, parseStages } from './helpers/dockerfile.js';
import { repoPath } from './helpers/repo.js';

const stages = parseStages();
const runtime = stages.at(-1)!;
const steps = (keyword: string) => runtime.steps.filter((step) => step.keyword === keyword);

t.test('dockerfile-utils lint reports nothing', async (t) => {
  const diagnostics = validate(dockerfileText());
  t.same(diagnostics.map((d) => `${d.range.start.line + 1}: ${d.message}`), []);
});

t.test('multi-stage on a maintained Node LTS slim base', async (t) => {
  t.same(stages.map((stage) => stage.name), ['deps', 'build', 'runtime'], 'stages deps, build, runtime');
  for (const stage of stages) {
    const base = stages.some((other) => other.name === stage.base) ? undefined : stage.base;
    if (base) t.match(base, /^node:(22|24)(\.\d+)*-(bookworm-|trixie-)?slim(@sha256:[0-9a-f]{64})?$/, `${stage.name} uses node 22/24 slim`);
  }
  t.ok(steps('RUN').some((step) => step.text.includes('npm run build')) === false, 'the runtime stage does not build');
});

t.test('runtime stage installs production dependencies only', async (t) => {
  const install = steps('RUN').find((step) => /\bnpm ci\b/.test(step.text));
  t.ok(install, 'runtime stage runs npm ci');
  t.match(install?.text ?? '', /--omit=dev/, 'npm ci --omit=dev');
  const env = steps('ENV').flatMap((step) => step.args);
  t.ok(env.includes('NODE_ENV=production'), 'ENV NODE_ENV=production');
});

t.test('runs as a numeric non-root user with exec-form CMD', async (t) => {
  const user = steps('USER').at(-1)?.args[0] ?? '';
  t.match(user, /^\d+(:\d+)?$/, 'USER is numeric (runAsNonRoot can verify it)');
  t.not(Number(user.split(':')[0]), 0, 'USER is not root');
  const cmdStep = steps('CMD').at(-1);
  const cmd = cmdStep && execForm(cmdStep);
  t.same(cmd, ['node', 'dist/node/server/main.js'], 'CMD ["node", "dist/node/server/main.js"] in exec form (node gets SIGTERM)');
  t.same(steps('ENTRYPOINT'), [], 'no ENTRYPOINT wrapper');
  t.ok(existsSync(repoPath('dist/node/server/main.js')), 'the CMD script is what npm run build produces');
  const health = steps('HEALTHCHECK').at(-1);
  if (health) t.ok(execForm({ ...health, text: health.text.replace(/^HEALTHCHECK(\s+--\S+)*\s+/i, '') }), 'HEALTHCHECK CMD is exec form (no shell needed)');
  const exposed = steps('EXPOSE').flatMap((step) => step.args);
  t.ok(exposed.includes('3000') && exposed.includes('9000'), 'EXPOSE 3000 9000 (gateway/renderer and FC custom container)');
});

t.test('no secrets in layers and a clean build context', async (t) => {
  for (const stage of stages) {
    for (const step of stage.steps) {
      if (step.keyword === 'ENV' || step.keyword === 'ARG') {
        t.notMatch(step.text, /(SECRET|PASSWORD|TOKEN|ACCESS_KEY|PRIVATE)/i, `${stage.name}: ${step.keyword} carries no credential`);
      }
    }
    for (const copy of copySteps(stage)) {
      for (const source of copy.sources) t.notMatch(source, /(^|\/)\.env|\.pem$|\.key$|\.npmrc$/, `${stage.name}: COPY ${source} is not a secret file`);
    }
  }
  const patterns = dockerignorePatterns();
  for (const path of ['node_modules', '.git', 'dist', '.env', '.env.production', 'scratch/x.ts']) t.ok(isIgnored(path, patterns), `.dockerignore excludes ${path}`);
  for (const path of ['package.json', 'package-lock.json', 'tsconfig.json', 'ssr-offload.config.json', 'ssr/index.ts', 'server/main.ts', 'functions/handler.ts', 'scripts/build-app.mjs', 'examples/vue-blog/ssr-offload.config.json']) {
    t.notOk(isIgnored(path, patterns), `.dockerignore keeps ${path} (the build needs it)`);
  }
  for (const stage of stages) {
    for (const copy of copySteps(stage)) {
      if (copy.from) continue;
      for (const source of copy.sources) if (source !== '.') t.ok(existsSync(repoPath(source)) && !isIgnored(source, patterns), `${stage.name}: COPY ${source} exists in the context`);
    }
  }
});
