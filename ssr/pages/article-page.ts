import { defineComponent, h } from 'vue';
import { Breadcrumbs, breadcrumbJsonLd } from '../components/breadcrumbs.js';
import { ProductGrid } from '../components/product-card.js';
import { formatDate } from '../format.js';
import { usePageData, usePageState } from '../page-state.js';
import type { ArticleData } from '../route-loaders.js';
import { SITE_NAME, absoluteUrl, usePageSeo } from '../seo.js';

export default defineComponent({
  name: 'ArticlePage',
  setup() {
    const { siteOrigin } = usePageState();
    const { article, related } = usePageData<ArticleData>();
    const path = `/blog/${article.slug}`;
    const crumbs = [{ name: 'Home', path: '/' }, { name: 'Journal', path: '/' }, { name: article.title, path }];
    usePageSeo({
      title: `${article.title} | ${SITE_NAME}`,
      description: article.summary,
      path,
      type: 'article',
      jsonLd: [
        {
          '@type': 'Article',
          headline: article.title,
          description: article.summary,
          author: { '@type': 'Person', name: article.author },
          publisher: { '@type': 'Organization', name: SITE_NAME },
          datePublished: article.publishedAt,
          dateModified: article.updatedAt,
          mainEntityOfPage: absoluteUrl(siteOrigin, path),
        },
        breadcrumbJsonLd(siteOrigin, crumbs.filter((crumb, index) => index !== 1)),
      ],
    });
    return () => [
      h(Breadcrumbs, { crumbs: crumbs.filter((crumb, index) => index !== 1) }),
      h('article', { class: 'post' }, [
        h('h1', article.title),
        h('p', { class: 'byline' }, [
          `By ${article.author}, `,
          h('time', { datetime: article.publishedAt }, formatDate(article.publishedAt)),
        ]),
        ...article.paragraphs.map((paragraph, index) => h('p', { key: index }, paragraph)),
      ]),
      h('section', { 'aria-labelledby': 'mentioned' }, [
        h('h2', { id: 'mentioned' }, 'Mentioned in this article'),
        h(ProductGrid, { products: related }),
      ]),
    ];
  },
});
