/**
 * examples/your-server/s.yaml (your own SSR server's image as an FC custom container) renders offline
 * with `s preview`, its fc3 props pass the project's schema, and it is what the "any SSR server" mode
 * needs: a custom container on your port with a health check, concurrency > 1, an intranet HTTP trigger,
 * no FC_* user variable, every ${env()} placeholder documented in docs/your-app.md.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Ajv } from 'ajv';
import t from 'tap';
import { repoPath } from './helpers/repo.js';

const S_YAML = repoPath('examples/your-server/s.yaml');
const source = readFileSync(S_YAML, 'utf8');
const placeholders = [...new Set([...source.matchAll(/\$\{env\(\s*'([A-Za-z0-9_]+)'(?:\s*,\s*[^)]*)?\)\}/g)].map((m) => m[1]!))].sort();
const required = [...new Set([...source.matchAll(/\$\{env\(\s*'([A-Za-z0-9_]+)'\s*\)\}/g)].map((m) => m[1]!))];
const sampleEnv = Object.fromEntries(required.map((name) => [name, name === 'SSR_IMAGE' ? 'registry-vpc.cn-hangzhou.aliyuncs.com/web/your-server:1.4.2' : `${name.toLowerCase().replace(/_/g, '-')}-1`]));

t.test('every ${env()} placeholder is documented in docs/your-app.md', async (t) => {
  t.ok(placeholders.includes('SSR_IMAGE'));
  const docs = readFileSync(repoPath('docs/your-app.md'), 'utf8');
  for (const name of placeholders) t.match(docs, new RegExp(`\`${name}\``), `${name} is documented`);
});

t.test('s preview renders it and the props pass the fc3 schema', async (t) => {
  const home = mkdtempSync(join(tmpdir(), 'ssr-s-home-'));
  t.teardown(() => rmSync(home, { recursive: true, force: true }));
  const bin = repoPath('node_modules/.bin/s');
  t.ok(existsSync(bin), '@serverless-devs/s is installed (devDependency)');
  const output = execFileSync(bin, ['preview', '-t', S_YAML, '-o', 'json', '--silent'], {
    cwd: dirname(S_YAML), encoding: 'utf8', timeout: 60_000,
    env: { PATH: process.env.PATH ?? '', HOME: home, ...sampleEnv },
  });
  const rendered = JSON.parse(output.slice(output.indexOf('{'), output.lastIndexOf('}') + 1));
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  const validate = ajv.compile(JSON.parse(readFileSync(repoPath('test/deploy/fc3-props.schema.json'), 'utf8')));
  const props = rendered.resources['your-server'].props;
  t.ok(validate(props), 'props match the fc3 schema', { errors: validate.errors });
  t.equal(props.runtime, 'custom-container');
  t.equal(props.customContainerConfig.image, sampleEnv.SSR_IMAGE, 'your image');
  t.equal(props.customContainerConfig.port, 8080, 'your server\'s port (default 8080), an integer');
  t.equal(props.customContainerConfig.healthCheckConfig.httpGetUrl, '/healthz');
  t.ok(props.instanceConcurrency > 1, 'a container serves concurrent requests');
  t.same(Object.keys(props.environmentVariables).filter((key) => key.startsWith('FC_')), [], 'no FC_* user variable');
  t.notOk('handler' in props || 'code' in props, 'no code package: the image is the code');
  for (const trigger of props.triggers) t.equal(trigger.triggerConfig.disableURLInternet, true, 'HTTP trigger is intranet only');
  t.ok(props.vpcConfig && props.logConfig, 'VPC and log config');
});
