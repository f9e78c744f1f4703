// The function bundle uses runtime-only Vue: no template compiler, no Babel parser (cold start, size).
import { readFileSync } from 'node:fs';
import t from 'tap';

const code = readFileSync(new URL('../../dist/function/index.mjs', import.meta.url), 'utf8');
// Markers that only the compiler packages contain (error texts and helper names survive minification).
for (const marker of ['@vue/compiler', 'compileToFunction', 'babelParse', 'Unterminated template', 'Element is missing end tag']) {
  t.notOk(code.includes(marker), `bundle does not contain ${JSON.stringify(marker)}`);
}
t.ok(code.includes('export{') || /export\s*\{/.test(code), 'the bundle is ESM');
t.ok(code.length < 300 * 1024, `bundle is ${(code.length / 1024).toFixed(0)} KB minified, under the 300 KB ceiling`);
