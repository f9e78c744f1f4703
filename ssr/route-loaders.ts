/**
 * Per-route data loading, run before render on the server and before each client-side navigation.
 * A loader returns the page's data, asks for a redirect, or throws `PageNotFound` (→ 404 page).
 * Any other exception is a data-load failure (→ 500 page).
 */
import type { LocationQuery, RouteParams } from 'vue-router';
import type { Article, Category, DataSource, Product } from './data-source.js';

export const PAGE_SIZE = 48;
export const MAX_QUERY_LENGTH = 200;

/** Thrown by a loader when the URL names something that does not exist. */
export class PageNotFound extends Error {
  constructor(what: string) {
    super(`Not found: ${what}`);
    this.name = 'PageNotFound';
  }
}

export interface LoaderContext {
  params: RouteParams;
  query: LocationQuery;
  data: DataSource;
}

export type LoaderOutcome<T> = { data: T } | { redirect: string };
export type Loader<T = unknown> = (context: LoaderContext) => Promise<LoaderOutcome<T>>;

export interface HomeData { products: Product[]; articles: Article[] }
export interface CategoryData { category: Category; products: Product[]; page: number; pageCount: number; total: number }
export interface ProductData { product: Product; category: Category; related: Product[] }
export interface ArticleData { article: Article; related: Product[] }
export interface SearchData { query: string; products: Product[]; total: number }

function firstValue(value: LocationQuery[string] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first ?? undefined;
}

function param(params: RouteParams, name: string): string {
  const value = params[name];
  return Array.isArray(value) ? value.join('/') : (value ?? '');
}

export const loadHome: Loader<HomeData> = async ({ data }) => ({ data: await data.featured() });

export const loadCategory: Loader<CategoryData> = async ({ params, query, data }) => {
  const slug = param(params, 'slug');
  const category = await data.category(slug);
  if (!category) throw new PageNotFound(`category ${slug}`);
  const pageText = firstValue(query.page);
  // ?page=1 and an empty ?page= are the canonical page without the parameter: one URL per page for crawlers.
  if (pageText !== undefined && (pageText === '' || pageText === '1')) return { redirect: `/category/${slug}` };
  if (pageText !== undefined && !/^[1-9]\d{0,5}$/.test(pageText)) throw new PageNotFound(`page ${pageText}`);
  const page = pageText === undefined ? 1 : Number(pageText);
  const { items, total } = await data.productsInCategory(slug, (page - 1) * PAGE_SIZE, PAGE_SIZE);
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (page > pageCount) throw new PageNotFound(`page ${page} of ${slug}`);
  return { data: { category, products: items, page, pageCount, total } };
};

export const loadProduct: Loader<ProductData> = async ({ params, data }) => {
  const id = Number(param(params, 'id'));
  const product = Number.isSafeInteger(id) ? await data.product(id) : undefined;
  if (!product) throw new PageNotFound(`product ${param(params, 'id')}`);
  const category = await data.category(product.categorySlug);
  if (!category) throw new Error(`product ${id} names unknown category ${product.categorySlug}`);
  const { items } = await data.productsInCategory(category.slug, 0, 5);
  return { data: { product, category, related: items.filter((item) => item.id !== id).slice(0, 4) } };
};

export const loadArticle: Loader<ArticleData> = async ({ params, data }) => {
  const slug = param(params, 'slug');
  const article = await data.article(slug);
  if (!article) throw new PageNotFound(`article ${slug}`);
  return { data: { article, related: await data.productsByIds(article.relatedProductIds) } };
};

export const loadSearch: Loader<SearchData> = async ({ query, data }) => {
  const text = (firstValue(query.q) ?? '').slice(0, MAX_QUERY_LENGTH);
  const { items, total } = await data.search(text, PAGE_SIZE);
  return { data: { query: text, products: items, total } };
};
