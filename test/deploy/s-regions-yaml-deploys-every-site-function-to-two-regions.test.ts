/**
 * functions/s.regions.yaml renders offline with `s preview` for each function the multi-site overlay's
 * sites file names, its props pass the fc3 schema, and it deploys that function to two different regions
 * with the same code, runtime and sizing: every sdk target of the sites file (region + function name) is a
 * function this file deploys, so a failover target is never a function nobody deployed.
 */
import { readFileSync } from 'node:fs';
import t from 'tap';
import { parseSites } from '../../server/sites/sites-file.js';
import { repoPath } from './helpers/repo.js';
import { envPlaceholders, fc3PropsValidator, previewS, sampleEnv } from './helpers/serverless-devs.js';

const S_REGIONS = repoPath('functions/s.regions.yaml');
const source = readFileSync(S_REGIONS, 'utf8');
const { all, required } = envPlaceholders(source);
const SITES = repoPath('k8s/overlays/multi-site/sites.yaml');
const sites = parseSites(readFileSync(SITES, 'utf8'), SITES, { timeoutMs: 3000, fallbackTimeoutMs: 10_000, offload: 'fc-first' }).sites;

t.test('every ${env()} placeholder is documented in docs/deploy.md', async (t) => {
  const docs = readFileSync(repoPath('docs/deploy.md'), 'utf8');
  for (const name of all) t.match(docs, new RegExp(`\`${name}\``), `${name} is documented`);
});

const functions = [...new Set(sites.flatMap((site) => site.targets.flatMap((target) => (target.transport === 'sdk' ? [target.sdk.functionName] : []))))];

t.test('the overlay names sdk functions', async (t) => {
  t.ok(functions.length >= 1);
});

for (const functionName of functions) {
  t.test(`${functionName}: deployed to two regions, each region a target of the sites file`, async (t) => {
    const origin = sites.find((site) => site.targets.some((target) => target.transport === 'sdk' && target.sdk.functionName === functionName))!.origin;
    const rendered = previewS(S_REGIONS, { ...sampleEnv(required), SSR_FUNCTION_NAME: functionName, SSR_SITE_ORIGIN: origin });
    const validate = fc3PropsValidator();
    const props = Object.values(rendered.resources).map((resource) => resource.props);
    t.equal(props.length, 2, 'two resources');
    for (const [name, resource] of Object.entries(rendered.resources)) {
      t.equal(resource.component, 'fc3');
      t.ok(validate(resource.props), `${name} props match the fc3 schema`, { errors: validate.errors });
      t.equal(resource.props.functionName, functionName);
      t.equal(resource.props.environmentVariables.SITE_ORIGIN, origin, 'the function renders with its site\'s origin');
      t.same(Object.keys(resource.props.environmentVariables).filter((key) => key.startsWith('FC_')), [], 'no FC_* user variable');
    }
    const regions = props.map((p) => p.region);
    t.equal(new Set(regions).size, 2, `two different regions (${regions.join(', ')})`);
    const same = (p: any) => ({ ...p, region: undefined, vpcConfig: undefined, logConfig: { ...p.logConfig, project: undefined }, provisionConfig: undefined, description: undefined });
    t.same(same(props[0]), same(props[1]), 'the same function in both: code, runtime, sizing, env, trigger');
    t.not(props[0].vpcConfig.vpcId, props[1].vpcConfig.vpcId, 'each region its own VPC');
    t.not(props[0].logConfig.project, props[1].logConfig.project, 'each region its own SLS project');

    for (const site of sites) {
      for (const target of site.targets) {
        if (target.transport !== 'sdk' || target.sdk.functionName !== functionName) continue;
        t.ok(regions.includes(target.sdk.region), `site ${site.name} target ${target.name} (${target.sdk.region}) is deployed here`);
      }
    }
  });
}
