import { defineComponent, h } from 'vue';
import { RouterLink } from 'vue-router';
import { ProductGrid } from '../components/product-card.js';
import { formatDate } from '../format.js';
import { usePageData, usePageState } from '../page-state.js';
import type { HomeData } from '../route-loaders.js';
import { SITE_NAME, absoluteUrl, usePageSeo } from '../seo.js';

export default defineComponent({
  name: 'HomePage',
  setup() {
    const { siteOrigin } = usePageState();
    const data = usePageData<HomeData>();
    usePageSeo({
      title: `${SITE_NAME}: durable goods, repaired for life`,
      description: 'Shoes, jackets, bags, kitchen tools and lighting made to last, with free repairs for as long as you own them.',
      path: '/',
      jsonLd: [
        { '@type': 'Organization', name: SITE_NAME, url: absoluteUrl(siteOrigin, '/') },
        {
          '@type': 'WebSite',
          name: SITE_NAME,
          url: absoluteUrl(siteOrigin, '/'),
          potentialAction: {
            '@type': 'SearchAction',
            target: `${absoluteUrl(siteOrigin, '/search')}?q={search_term_string}`,
            'query-input': 'required name=search_term_string',
          },
        },
      ],
    });
    return () => [
      h('section', { class: 'hero' }, [
        h('h1', 'Goods that outlast the season'),
        h('p', 'Everything we sell can be repaired, and we repair it for free.'),
      ]),
      h('section', { 'aria-labelledby': 'featured' }, [
        h('h2', { id: 'featured' }, 'Bestsellers'),
        h(ProductGrid, { products: data.products }),
      ]),
      h('section', { 'aria-labelledby': 'journal' }, [
        h('h2', { id: 'journal' }, 'From the workshop journal'),
        h('ul', { class: 'articles' }, data.articles.map((article) => h('li', { key: article.slug }, [
          h(RouterLink, { to: `/blog/${article.slug}` }, () => article.title),
          h('time', { datetime: article.publishedAt }, ` ${formatDate(article.publishedAt)}`),
        ]))),
      ]),
    ];
  },
});
