// HEAD on a page answers the status and headers a GET would, with no body — from FC and from the
// local fallback alike.
import t from 'tap';
import { request } from 'undici';
import { startGateway } from '../helpers/gateway.js';

t.test('HEAD from FC and from the fallback', async (t) => {
  const gateway = await startGateway(t, { env: { BREAKER_VOLUME: '1000', BREAKER_CONSECUTIVE_FAILURES: '0' } });
  for (const [label, faults, renderBy] of [['FC', { errorRate: 0 }, 'fc'], ['fallback', { errorRate: 1 }, 'local']] as const) {
    gateway.fc!.setFaults(faults);
    const get = await request(`${gateway.url}/products/1005`);
    const getBody = await get.body.text();
    const head = await request(`${gateway.url}/products/1005`, { method: 'HEAD' });
    const headBody = await head.body.text();
    t.equal(head.statusCode, 200, `${label}: 200`);
    t.equal(head.headers['x-render-by'], renderBy, `${label}: rendered by ${renderBy}`);
    t.equal(headBody, '', `${label}: no body`);
    t.equal(head.headers['content-type'], get.headers['content-type'], `${label}: same content-type as GET`);
    t.equal(head.headers['content-length'], String(Buffer.byteLength(getBody)), `${label}: content-length of the GET body`);
    const missing = await request(`${gateway.url}/products/999999`, { method: 'HEAD' });
    t.equal(missing.statusCode, 404, `${label}: 404 status`);
    t.equal(await missing.body.text(), '', `${label}: 404 without a body`);
  }
});
