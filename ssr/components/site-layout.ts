import { defineComponent, h } from 'vue';
import { RouterLink, useRoute } from 'vue-router';
import { usePageState } from '../page-state.js';
import { SITE_NAME } from '../seo.js';

/** Header with navigation and a search form that works without JavaScript, main content, footer. */
export const SiteLayout = defineComponent({
  name: 'SiteLayout',
  setup(_props, { slots }) {
    const state = usePageState();
    const route = useRoute();
    return () => h('div', { class: 'site' }, [
      h('header', { class: 'site-header' }, [
        h(RouterLink, { to: '/', class: 'logo' }, () => SITE_NAME),
        h('nav', { 'aria-label': 'Categories' }, [
          h('ul', state.nav.map((category) => h('li', { key: category.slug },
            h(RouterLink, { to: `/category/${category.slug}` }, () => category.name)))),
        ]),
        h('form', { class: 'search', action: '/search', method: 'get', role: 'search' }, [
          h('label', { for: 'q', class: 'visually-hidden' }, 'Search products'),
          h('input', {
            id: 'q', name: 'q', type: 'search', placeholder: 'Search products',
            value: route.name === 'search' ? String(route.query.q ?? '') : '', maxlength: 200,
          }),
          h('button', { type: 'submit' }, 'Search'),
        ]),
      ]),
      h('main', { id: 'main' }, slots.default?.()),
      h('footer', { class: 'site-footer' }, [
        h('p', `© 2026 ${SITE_NAME}. Free repairs for life.`),
        h(RouterLink, { to: '/search?q=new' }, () => 'New arrivals'),
      ]),
    ]);
  },
});
