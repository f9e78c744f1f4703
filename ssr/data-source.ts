/**
 * Where pages get their data. The app talks only to this interface, so a deployment can swap the
 * bundled catalog for an HTTP API without touching a page, and tests can inject failures.
 */
import { generateCatalog, type Article, type Catalog, type Category, type Product } from './catalog.js';

export type { Article, Category, Product } from './catalog.js';

export interface ProductPage {
  items: Product[];
  total: number;
}

export interface DataSource {
  featured(): Promise<{ products: Product[]; articles: Article[] }>;
  categories(): Promise<Category[]>;
  category(slug: string): Promise<Category | undefined>;
  productsInCategory(slug: string, offset: number, limit: number): Promise<ProductPage>;
  product(id: number): Promise<Product | undefined>;
  productsByIds(ids: readonly number[]): Promise<Product[]>;
  article(slug: string): Promise<Article | undefined>;
  latestArticles(limit: number): Promise<Article[]>;
  search(query: string, limit: number): Promise<ProductPage>;
}

/**
 * The default source: the deterministic catalog bundled with the app (no network).
 * @example
 * const data = createCatalogDataSource();
 * await data.product(1001);
 */
export function createCatalogDataSource(catalog: Catalog = generateCatalog()): DataSource {
  const byId = new Map(catalog.products.map((product) => [product.id, product]));
  const bySlug = new Map(catalog.articles.map((article) => [article.slug, article]));
  const latest = [...catalog.articles].sort((a, b) => b.publishedAt.localeCompare(a.publishedAt));
  return {
    async featured() {
      return {
        products: catalog.products.filter((product) => product.tags.includes('bestseller')).slice(0, 12),
        articles: latest.slice(0, 3),
      };
    },
    async categories() {
      return catalog.categories;
    },
    async category(slug) {
      return catalog.categories.find((category) => category.slug === slug);
    },
    async productsInCategory(slug, offset, limit) {
      const all = catalog.products.filter((product) => product.categorySlug === slug);
      return { items: all.slice(offset, offset + limit), total: all.length };
    },
    async product(id) {
      return byId.get(id);
    },
    async productsByIds(ids) {
      return ids.map((id) => byId.get(id)).filter((product): product is Product => product !== undefined);
    },
    async article(slug) {
      return bySlug.get(slug);
    },
    async latestArticles(limit) {
      return latest.slice(0, limit);
    },
    async search(query, limit) {
      const words = query.toLowerCase().split(/\s+/).filter(Boolean);
      if (words.length === 0) return { items: [], total: 0 };
      const hits = catalog.products.filter((product) => {
        const haystack = `${product.name} ${product.tags.join(' ')} ${product.categorySlug}`.toLowerCase();
        return words.every((word) => haystack.includes(word));
      });
      return { items: hits.slice(0, limit), total: hits.length };
    },
  };
}
