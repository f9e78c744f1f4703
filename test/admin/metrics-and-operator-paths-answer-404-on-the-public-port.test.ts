// /metrics lives on the admin listener only. The public port (the one an Ingress or HTTPRoute reaches)
// answers /metrics, /status, /cache/* and /sites/* with the plain 404 page for every method, without a
// render or an FC call, and without echoing the path; the admin port serves the Prometheus text.
import t from 'tap';
import { startGateway } from '../helpers/gateway.js';

t.test('operator paths on the public port', async (t) => {
  const gateway = await startGateway(t);
  const paths = ['/metrics', '/metrics/', '/status', '/cache/purge', '/cache', '/sites/reload', '/sites', '/cache/purge?x=<script>'];
  for (const path of paths) {
    for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'DELETE']) {
      const response = await fetch(`${gateway.url}${path}`, method === 'POST' || method === 'PUT'
        ? { method, headers: { 'content-type': 'application/json' }, body: '{"urls":["/"]}' }
        : { method });
      const body = await response.text();
      t.equal(response.status, 404, `${method} ${path} is 404 on the public port`);
      if (method !== 'HEAD') {
        t.match(response.headers.get('content-type'), /^text\/html/, `${method} ${path} gets the HTML 404 page`);
        t.notMatch(body, /ssr_|# HELP|<script>/, `${method} ${path} shows neither metrics nor the request`);
      }
      t.equal(response.headers.get('x-render-by'), null, `${method} ${path} is not a rendered page`);
    }
  }
  t.equal(gateway.fc!.stats().calls.http, 0, 'no operator path reached FC');
});

t.test('the admin port serves /metrics', async (t) => {
  const gateway = await startGateway(t);
  await (await fetch(`${gateway.url}/products/1001`)).text();
  const response = await fetch(`${gateway.adminUrl}/metrics`);
  t.equal(response.status, 200);
  t.match(response.headers.get('content-type'), /^text\/plain; version=0\.0\.4/, 'Prometheus text format');
  t.equal(response.headers.get('cache-control'), 'no-store');
  t.match(await response.text(), /ssr_page_duration_seconds_count\{[^}]*\} 1/, 'the page rendered on the public port is counted');
  t.ok(response.headers.get('x-request-id'), 'admin answers carry request ids');

  const unknown = await fetch(`${gateway.adminUrl}/products/1001`);
  t.equal(unknown.status, 404, 'the admin listener serves no pages');
  t.notMatch(await unknown.text(), /products/, 'its 404 does not echo the path');
});
