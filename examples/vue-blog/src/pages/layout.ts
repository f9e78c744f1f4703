import { h, type VNode } from 'vue';
import { RouterLink } from 'vue-router';

/** Header, main, footer around every page. */
export function layout(...children: VNode[]): VNode {
  return h('div', { class: 'blog' }, [
    h('header', [h(RouterLink, { to: '/' }, () => 'vue-blog'), ' · ', h(RouterLink, { to: '/tags?tag=fc' }, () => 'tagged fc')]),
    h('main', children),
    h('footer', 'Rendered by the same code in Kubernetes and in Function Compute.'),
  ]);
}
