import { defineComponent, h } from 'vue';
import { Breadcrumbs, breadcrumbJsonLd } from '../components/breadcrumbs.js';
import { PriceTag, ProductGrid, StarRating, TagList } from '../components/product-card.js';
import { decimalPrice } from '../format.js';
import { usePageData, usePageState } from '../page-state.js';
import type { ProductData } from '../route-loaders.js';
import { SITE_NAME, absoluteUrl, usePageSeo } from '../seo.js';

export default defineComponent({
  name: 'ProductPage',
  setup() {
    const { siteOrigin } = usePageState();
    const { product, category, related } = usePageData<ProductData>();
    const path = `/products/${product.id}`;
    const crumbs = [
      { name: 'Home', path: '/' },
      { name: category.name, path: `/category/${category.slug}` },
      { name: product.name, path },
    ];
    usePageSeo({
      title: `${product.name} | ${SITE_NAME}`,
      description: product.description.slice(0, 155),
      path,
      type: 'product',
      jsonLd: [
        {
          '@type': 'Product',
          name: product.name,
          sku: product.sku,
          description: product.description,
          url: absoluteUrl(siteOrigin, path),
          brand: { '@type': 'Brand', name: SITE_NAME },
          category: category.name,
          aggregateRating: { '@type': 'AggregateRating', ratingValue: product.rating, reviewCount: product.reviewCount },
          offers: {
            '@type': 'Offer',
            price: decimalPrice(product.priceCents),
            priceCurrency: product.currency,
            availability: product.inStock ? 'https://schema.org/InStock' : 'https://schema.org/OutOfStock',
            url: absoluteUrl(siteOrigin, path),
          },
        },
        breadcrumbJsonLd(siteOrigin, crumbs),
      ],
    });
    return () => [
      h(Breadcrumbs, { crumbs }),
      h('article', { class: 'product' }, [
        h('div', { class: 'swatch large', style: { background: product.color }, role: 'img', 'aria-label': product.name }),
        h('div', { class: 'details' }, [
          h('h1', product.name),
          h(PriceTag, { cents: product.priceCents, inStock: product.inStock }),
          h(StarRating, { rating: product.rating, count: product.reviewCount }),
          h('p', { class: 'description' }, product.description),
          h(TagList, { tags: product.tags }),
          h('p', { class: 'sku' }, `SKU ${product.sku}`),
          h('button', { type: 'button', class: 'buy', disabled: !product.inStock }, product.inStock ? 'Add to bag' : 'Sold out'),
        ]),
      ]),
      h('section', { 'aria-labelledby': 'related' }, [
        h('h2', { id: 'related' }, `More ${category.name.toLowerCase()}`),
        h(ProductGrid, { products: related }),
      ]),
    ];
  },
});
