// The real @alicloud/fc20230330 client, pointed at the emulator (http, dummy keys), invokes the function
// and gets the rendered page back as the direct-invoke JSON (docs/sources.md#fc-sdk).
import { Readable } from 'node:stream';
import FCClientModule, { InvokeFunctionHeaders, InvokeFunctionRequest } from '@alicloud/fc20230330';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { RuntimeOptions } from '@darabonba/typescript';
import t from 'tap';
import { startEmulator } from '../../functions/emulator/index.js';

// The package is CommonJS with `exports.default`; under ESM the class may sit one level down.
const FCClient = ((FCClientModule as unknown as { default?: typeof FCClientModule }).default ?? FCClientModule);
const fc = await startEmulator();
t.teardown(() => fc.close());
const client = new FCClient(new $OpenApiUtil.Config({
  accessKeyId: 'LTAIdummy', accessKeySecret: 'dummy', endpoint: `127.0.0.1:${fc.port}`, protocol: 'http', regionId: 'cn-hangzhou',
  readTimeout: 10_000, connectTimeout: 10_000,
}));

t.test('InvokeFunction returns the page', async (t) => {
  const payload = { url: '/products/1001', headers: { 'accept-language': 'en' } };
  const response = await client.invokeFunctionWithOptions('ssr-render',
    new InvokeFunctionRequest({ body: Readable.from(Buffer.from(JSON.stringify(payload))), qualifier: 'LATEST' }),
    new InvokeFunctionHeaders({ xFcInvocationType: 'Sync', xFcLogType: 'None' }),
    new RuntimeOptions({}));
  t.equal(response.statusCode, 200);
  t.equal(response.headers?.['x-fc-error-type'], undefined);
  t.match(response.headers?.['x-fc-request-id'], /^1-/);
  const chunks: Buffer[] = [];
  for await (const chunk of response.body!) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  t.match(JSON.parse(Buffer.concat(chunks).toString('utf8')), { status: 200, html: /Northwind Goods/ });
  t.equal(fc.stats().calls.invoke, 1);
});
