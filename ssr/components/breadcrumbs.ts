import { defineComponent, h, type PropType } from 'vue';
import { RouterLink } from 'vue-router';

export interface Crumb {
  name: string;
  path: string;
}

/** Visible breadcrumbs; the same list feeds the page's BreadcrumbList JSON-LD. */
export const Breadcrumbs = defineComponent({
  name: 'Breadcrumbs',
  props: { crumbs: { type: Array as PropType<Crumb[]>, required: true } },
  setup(props) {
    return () => h('nav', { class: 'breadcrumbs', 'aria-label': 'Breadcrumb' }, [
      h('ol', props.crumbs.map((crumb, index) => h('li', { key: crumb.path },
        index === props.crumbs.length - 1
          ? h('span', { 'aria-current': 'page' }, crumb.name)
          : h(RouterLink, { to: crumb.path }, () => crumb.name)))),
    ]);
  },
});

/** schema.org BreadcrumbList for the same crumbs. */
export function breadcrumbJsonLd(siteOrigin: string, crumbs: Crumb[]): Record<string, unknown> {
  return {
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((crumb, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: crumb.name,
      item: new URL(crumb.path, siteOrigin).href,
    })),
  };
}
