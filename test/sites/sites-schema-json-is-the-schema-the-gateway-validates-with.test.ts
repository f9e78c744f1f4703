// Operators point their editor at docs/sites.schema.json; the gateway validates with SITES_SCHEMA. The two
// must be the same schema, or the editor accepts files the gateway refuses (or the other way round).
// After changing server/sites/sites-schema.ts, regenerate the file with:
//   node --import=tsx -e "import('./server/sites/sites-schema.ts').then(({ SITES_SCHEMA }) => require('node:fs').writeFileSync('docs/sites.schema.json', JSON.stringify(SITES_SCHEMA, null, 2) + '\n'))"
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import t from 'tap';
import { parse } from 'yaml';
import { SITES_SCHEMA } from '../../server/sites/sites-schema.js';

const file = new URL('../../docs/sites.schema.json', import.meta.url);
const expected = `${JSON.stringify(SITES_SCHEMA, null, 2)}\n`;

t.test('docs/sites.schema.json equals SITES_SCHEMA', async (t) => {
  t.equal(readFileSync(file, 'utf8'), expected, 'regenerate it (see the top of this file)');
});

t.test('an editor with any draft-07 validator accepts the documented example and flags a typo', async (t) => {
  const schema = JSON.parse(readFileSync(file, 'utf8'));
  const validate = new Ajv({ strict: false }).compile(schema);
  const docs = readFileSync(new URL('../../docs/sites.md', import.meta.url), 'utf8');
  const example = /```yaml\n(# yaml-language-server[^\n]*\nsites:[\s\S]*?)```/.exec(docs)?.[1];
  t.ok(example, 'docs/sites.md shows a full example');
  t.ok(validate(parse(example!)), JSON.stringify(validate.errors));
  const typo = parse(example!.replace('origin:', 'orgin:'));
  t.notOk(validate(typo), 'a misspelled key is flagged');
});
