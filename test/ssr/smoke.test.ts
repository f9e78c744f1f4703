import t from 'tap';
import { createRenderer } from '../../ssr/index.js';
t.test('renders home', async (t) => {
  const render = createRenderer({ siteOrigin: 'https://shop.example.com' });
  const r = await render({ url: '/', headers: {} });
  t.equal(r.status, 200);
});
