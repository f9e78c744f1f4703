import t from 'tap';
import { readFileSync } from 'node:fs';
import { CONFIG_VARIABLES } from '../../server/config.js';
import { ERROR_CODES, FAILURE_REASONS } from '../../server/errors.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

t.test('every error code and fallback reason appears in the README', async (t) => {
  for (const code of [...ERROR_CODES, ...FAILURE_REASONS]) t.match(readme, `\`${code}\``, code);
});

t.test('every environment variable appears in the README configuration table', async (t) => {
  for (const name of CONFIG_VARIABLES) t.match(readme, new RegExp(`\\|[^\\n]*\`${name}\``), name);
});
