import { defineComponent, h } from 'vue';
import { Breadcrumbs, breadcrumbJsonLd } from '../components/breadcrumbs.js';
import { PaginationNav, pagePath } from '../components/pagination-nav.js';
import { ProductGrid } from '../components/product-card.js';
import { usePageData, usePageState } from '../page-state.js';
import type { CategoryData } from '../route-loaders.js';
import { SITE_NAME, absoluteUrl, usePageSeo } from '../seo.js';

export default defineComponent({
  name: 'CategoryPage',
  setup() {
    const { siteOrigin } = usePageState();
    const data = usePageData<CategoryData>();
    const basePath = `/category/${data.category.slug}`;
    const crumbs = [{ name: 'Home', path: '/' }, { name: data.category.name, path: basePath }];
    const pageSuffix = data.page > 1 ? ` (page ${data.page} of ${data.pageCount})` : '';
    usePageSeo({
      title: `${data.category.name}${pageSuffix} | ${SITE_NAME}`,
      description: `${data.category.description} ${data.total} products${pageSuffix}.`,
      path: pagePath(basePath, data.page),
      prev: data.page > 1 ? pagePath(basePath, data.page - 1) : undefined,
      next: data.page < data.pageCount ? pagePath(basePath, data.page + 1) : undefined,
      jsonLd: [
        breadcrumbJsonLd(siteOrigin, crumbs),
        {
          '@type': 'ItemList',
          itemListElement: data.products.map((product, index) => ({
            '@type': 'ListItem',
            position: (data.page - 1) * data.products.length + index + 1,
            url: absoluteUrl(siteOrigin, `/products/${product.id}`),
          })),
        },
      ],
    });
    return () => [
      h(Breadcrumbs, { crumbs }),
      h('h1', `${data.category.name}${pageSuffix}`),
      h('p', { class: 'lead' }, data.category.description),
      h(ProductGrid, { products: data.products }),
      h(PaginationNav, { basePath, page: data.page, pageCount: data.pageCount }),
    ];
  },
});
