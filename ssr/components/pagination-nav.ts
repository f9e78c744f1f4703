import { defineComponent, h } from 'vue';
import { RouterLink } from 'vue-router';

/** Path of listing page `page` (page 1 has no parameter: one canonical URL per page). */
export function pagePath(basePath: string, page: number): string {
  return page <= 1 ? basePath : `${basePath}?page=${page}`;
}

export const PaginationNav = defineComponent({
  name: 'PaginationNav',
  props: {
    basePath: { type: String, required: true },
    page: { type: Number, required: true },
    pageCount: { type: Number, required: true },
  },
  setup(props) {
    return () => (props.pageCount <= 1 ? null : h('nav', { class: 'pagination', 'aria-label': 'Pages' }, [
      h('ol', Array.from({ length: props.pageCount }, (_, index) => {
        const page = index + 1;
        return h('li', { key: page }, page === props.page
          ? h('span', { 'aria-current': 'page' }, String(page))
          : h(RouterLink, { to: pagePath(props.basePath, page) }, () => String(page)));
      })),
    ]));
  },
});
