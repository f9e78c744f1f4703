import { defineComponent, h } from 'vue';
import { RouterLink, useRoute } from 'vue-router';
import { SITE_NAME, usePageSeo } from '../seo.js';

/** Rendered for unknown routes and for loaders that find nothing; the response status is 404. */
export default defineComponent({
  name: 'NotFoundPage',
  setup() {
    const route = useRoute();
    usePageSeo({
      title: `Page not found | ${SITE_NAME}`,
      description: 'The page you asked for does not exist.',
      path: route.path,
      noindex: true,
    });
    return () => [
      h('h1', 'Page not found'),
      h('p', 'We could not find that page. It may have moved, or the link may be wrong.'),
      h(RouterLink, { to: '/' }, () => 'Back to the shop'),
    ];
  },
});
