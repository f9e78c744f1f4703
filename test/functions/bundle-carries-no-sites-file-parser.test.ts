// Only the gateway reads a sites file: the function bundle, parsed on every FC cold start, gets the
// stand-in scripts/build-app.mjs puts in place of server/sites/sites-file.ts, so neither ajv nor yaml is in it.
import { readFileSync } from 'node:fs';
import t from 'tap';

const code = readFileSync(new URL('../../dist/function/index.mjs', import.meta.url), 'utf8');
// Texts that survive minification: ajv's error message and option names, yaml's alias guard.
for (const marker of ['must NOT have additional properties', 'strictTypes', 'maxAliasCount', 'yaml-language-server']) {
  t.notOk(code.includes(marker), `bundle does not contain ${JSON.stringify(marker)}`);
}
t.ok(code.includes('is read by ROLE=gateway only'), 'the stand-in is there (config.ts still links)');
