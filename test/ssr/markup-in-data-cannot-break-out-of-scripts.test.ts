import t from 'tap';
import { parse } from 'devalue';
import { createCatalogDataSource, createRenderer, type DataSource } from '../../ssr/index.js';
import { parsePage } from '../helpers/page.js';

t.test('</script>, <!-- and line separators in a product survive the state round trip without closing the script', async (t) => {
  const catalog = createCatalogDataSource();
  const nasty = '</script><script>alert(1)</script><!-- \u2028\u2029 </SCRIPT >';
  const data: DataSource = {
    ...catalog,
    async product(id) {
      const product = await catalog.product(id);
      return product && { ...product, name: nasty, description: nasty };
    },
  };
  const render = createRenderer({ siteOrigin: 'https://shop.example.com', data });
  const { html } = await render({ url: '/products/1001', headers: {} });
  const page = parsePage(html);
  for (const script of page.root.querySelectorAll('script')) {
    t.notMatch(script.rawText, /<\/script/i, `no </script inside ${script.getAttribute('type') ?? 'script'}`);
    t.notMatch(script.rawText, /<!--/, 'no HTML comment opener inside a script');
  }
  const state = parse(page.stateText!) as { data: { product: { name: string } } };
  t.equal(state.data.product.name, nasty, 'the browser gets the exact text back');
  t.equal(page.h1, nasty, 'shown as text');
  const jsonLd = page.jsonLd.find((entry) => entry['@type'] === 'Product');
  t.equal(jsonLd?.name, nasty, 'JSON-LD carries the exact text');
});
