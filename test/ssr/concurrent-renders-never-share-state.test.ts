import t from 'tap';
import { createCatalogDataSource, createRenderer, type DataSource } from '../../ssr/index.js';
import { parsePage } from '../helpers/page.js';

t.test('two renders interleaved inside their data loads each get only their own page', async (t) => {
  const catalog = createCatalogDataSource();
  // Hold the first product load until the second has started, so both apps are alive at once.
  let releaseFirst!: () => void;
  const secondStarted = new Promise<void>((resolve) => { releaseFirst = resolve; });
  const interleaving: DataSource = {
    ...catalog,
    async product(id) {
      if (id === 1001) await secondStarted;
      else releaseFirst();
      return catalog.product(id);
    },
  };
  const render = createRenderer({ siteOrigin: 'https://shop.example.com', data: interleaving });
  const [first, second] = await Promise.all([
    render({ url: '/products/1001', headers: {} }),
    render({ url: '/products/1130', headers: {} }),
  ]);
  const one = parsePage(first.html);
  const two = parsePage(second.html);
  const name1001 = (await catalog.product(1001))!.name;
  const name1130 = (await catalog.product(1130))!.name;
  t.equal(one.h1, name1001);
  t.equal(two.h1, name1130);
  t.match(one.title, name1001);
  t.match(two.title, name1130);
  t.notMatch(first.html, name1130 + ' |', 'no head tag of the other request');
  t.equal(one.canonical, 'https://shop.example.com/products/1001');
  t.equal(two.canonical, 'https://shop.example.com/products/1130');
  t.match(one.stateText, /NW-[A-Z]+-1001/);
  t.notMatch(one.stateText, /NW-[A-Z]+-1130"/);
});
