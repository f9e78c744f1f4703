// The built-in handler's import graph holds no Fastify (STYLE.md rule 1): only the plug, config and errors.
import * as esbuild from 'esbuild';
import { fileURLToPath } from 'node:url';
import t from 'tap';

t.test('no fastify module in the graph', async (t) => {
  const result = await esbuild.build({
    entryPoints: [fileURLToPath(new URL('../../functions/handler.ts', import.meta.url))],
    bundle: true, platform: 'node', format: 'esm', write: false, metafile: true, logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  t.ok(inputs.some((input) => input.includes('functions/invocation.ts')), 'the graph was walked');
  t.same(inputs.filter((input) => /node_modules\/(fastify|@fastify\/(?!error)|avvio|find-my-way|pino)\//.test(input)), []);
  t.same(inputs.filter((input) => /server\/(renderer|http-host|plugins)/.test(input)), []);
});
