/**
 * `cache-tag` values of a page, so an operator can purge every cached copy that shows one product or
 * category (`POST /cache/purge {"tags": ["product-1001"]}`) without knowing their URLs. The header
 * follows the comma-separated form CDNs use (e.g. Cloudflare's Cache-Tag); the gateway keeps it with the
 * cached entry and never sends it to the client.
 */
import type { RouteLocationNormalizedLoaded } from 'vue-router';

/** Tags for the route a page rendered, or undefined when the page has none worth purging by. */
export function cacheTagsFor(route: Pick<RouteLocationNormalizedLoaded, 'name' | 'params'>): string | undefined {
  const param = (name: string) => {
    const value = route.params[name];
    return typeof value === 'string' && /^[a-z0-9-]+$/.test(value) ? value : undefined;
  };
  switch (route.name) {
    case 'home':
      return 'page-home';
    case 'category':
      return param('slug') ? `page-category, category-${param('slug')}` : undefined;
    case 'product':
      return param('id') ? `page-product, product-${param('id')}` : undefined;
    case 'article':
      return param('slug') ? `page-article, article-${param('slug')}` : undefined;
    default:
      return undefined;
  }
}
