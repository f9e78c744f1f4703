import { defineComponent, h } from 'vue';
import { ProductGrid } from '../components/product-card.js';
import { usePageData } from '../page-state.js';
import type { SearchData } from '../route-loaders.js';
import { SITE_NAME, usePageSeo } from '../seo.js';

/**
 * Reflects the user's query. Vue escapes text interpolation and unhead escapes the title, so a query
 * such as `<script>` is shown as text, never run.
 */
export default defineComponent({
  name: 'SearchPage',
  setup() {
    const data = usePageData<SearchData>();
    usePageSeo({
      title: data.query ? `Search: ${data.query} | ${SITE_NAME}` : `Search | ${SITE_NAME}`,
      description: data.query ? `${data.total} products match "${data.query}".` : 'Search the catalog.',
      // Results pages are not indexed; the canonical points at the bare search page.
      path: '/search',
      noindex: true,
    });
    return () => [
      h('h1', data.query ? `Results for “${data.query}”` : 'Search'),
      h('p', { class: 'lead', role: 'status' }, data.query
        ? `${data.total} product${data.total === 1 ? '' : 's'} found.`
        : 'Type a product name, a category or a tag such as "waterproof".'),
      h(ProductGrid, { products: data.products }),
    ];
  },
});
