// The emulator's HTTP trigger turns a plain GET/HEAD into the FC 3.0 event, runs the function and answers
// like FC: the page, x-fc-request-id, and content-disposition: attachment as on *.fcapp.run (a knob).
import t from 'tap';
import { startEmulator } from '../../functions/emulator/index.js';
import { parsePage } from '../helpers/page.js';

const fc = await startEmulator();
t.teardown(() => fc.close());

t.test('GET answers the page with FC headers', async (t) => {
  const response = await fetch(`${fc.url}/search?q=${encodeURIComponent('a&b=c')}`);
  t.equal(response.status, 200);
  t.match(response.headers.get('x-fc-request-id'), /^1-/);
  t.equal(response.headers.get('content-disposition'), 'attachment');
  t.equal(parsePage(await response.text()).h1, 'Results for “a&b=c”');
});

t.test('HEAD answers headers only; status passes through', async (t) => {
  const response = await fetch(`${fc.url}/no/such/page`, { method: 'HEAD' });
  t.equal(response.status, 404);
  t.equal(await response.text(), '');
});

t.test('the content-disposition knob can be turned off', async (t) => {
  fc.setFaults({ contentDisposition: false });
  const response = await fetch(`${fc.url}/products/1001`);
  await response.arrayBuffer();
  t.equal(response.headers.get('content-disposition'), null);
});
