import { defineComponent, h } from 'vue';
import { useRoute } from 'vue-router';
import { SITE_NAME, usePageSeo } from '../seo.js';

/** Rendered when a page's data could not be loaded; the response status is 500. */
export default defineComponent({
  name: 'ErrorPage',
  setup() {
    const route = useRoute();
    usePageSeo({
      title: `Something went wrong | ${SITE_NAME}`,
      description: 'This page could not be loaded right now.',
      path: route.path,
      noindex: true,
    });
    return () => [
      h('h1', 'Something went wrong'),
      h('p', 'This page could not be loaded right now. Please try again in a moment.'),
      h('a', { href: route.fullPath }, 'Try again'),
    ];
  },
});
