/**
 * The demo shop's catalog, generated deterministically at first use (the same seed gives the same
 * catalog in every process and in the browser bundle, so server and client agree without a network).
 * Hundreds of items make the category pages and search realistic render work.
 */

export interface Category {
  slug: string;
  name: string;
  description: string;
}

export interface Product {
  id: number;
  slug: string;
  name: string;
  categorySlug: string;
  sku: string;
  priceCents: number;
  currency: 'USD';
  rating: number;
  reviewCount: number;
  inStock: boolean;
  tags: string[];
  /** Hex colour of the placeholder image: the demo ships no binary assets. */
  color: string;
  description: string;
}

export interface Article {
  slug: string;
  title: string;
  author: string;
  publishedAt: string;
  updatedAt: string;
  summary: string;
  paragraphs: string[];
  relatedProductIds: number[];
}

export interface Catalog {
  categories: Category[];
  products: Product[];
  articles: Article[];
}

export const PRODUCTS_PER_CATEGORY = 120;

const CATEGORY_DEFS: Array<[string, string, string]> = [
  ['shoes', 'Shoes', 'Trail runners, city sneakers and boots built to be resoled.'],
  ['jackets', 'Jackets', 'Shells, parkas and insulated layers for every forecast.'],
  ['bags', 'Bags', 'Daypacks, duffels and totes with lifetime repairs.'],
  ['kitchen', 'Kitchen', 'Cast iron, carbon steel and knives that outlive trends.'],
  ['lighting', 'Lighting', 'Lamps and lanterns for desks, porches and campsites.'],
];
const ADJECTIVES = ['Alpine', 'Harbor', 'Cedar', 'Summit', 'Granite', 'Meadow', 'Coastal', 'Ember', 'Nordic', 'Canyon', 'Willow', 'Glacier'];
const NOUNS: Record<string, string[]> = {
  shoes: ['Runner', 'Trail Shoe', 'Chelsea Boot', 'Sneaker', 'Hiker', 'Loafer'],
  jackets: ['Shell', 'Parka', 'Down Vest', 'Rain Jacket', 'Fleece', 'Anorak'],
  bags: ['Daypack', 'Duffel', 'Tote', 'Sling', 'Roll-top', 'Messenger'],
  kitchen: ['Skillet', 'Dutch Oven', 'Chef Knife', 'Wok', 'Kettle', 'Board'],
  lighting: ['Desk Lamp', 'Lantern', 'Pendant', 'Floor Lamp', 'Headlamp', 'Sconce'],
};
const TAGS = ['recycled', 'repairable', 'bestseller', 'new', 'limited', 'vegan', 'waterproof', 'lightweight'];
const AUTHORS = ['Mina Park', 'Jonas Weber', 'Ana Lima', 'Wei Chen', 'Sam Okafor'];
const TOPICS = ['How to', 'Why we', 'A field guide to', 'The case for', 'Caring for', 'Notes on'];
const SUBJECTS = ['resoling boots', 'seasoning cast iron', 'waxing a canvas bag', 'layering for rain', 'repairing zips',
  'choosing a lantern', 'sharpening knives', 'packing light', 'washing down', 'buying less'];

/** mulberry32: tiny, fast, and identical in every JS engine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function slugify(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function isoDate(dayOffset: number): string {
  return new Date(Date.UTC(2025, 0, 1) + dayOffset * 86_400_000).toISOString().slice(0, 10);
}

/** Build the whole catalog from a seed. Pure: no module state. */
export function generateCatalog(seed = 20261122): Catalog {
  const random = prng(seed);
  const categories = CATEGORY_DEFS.map(([slug, name, description]) => ({ slug, name, description }));
  const products: Product[] = [];
  let id = 1000;
  for (const category of categories) {
    for (let i = 0; i < PRODUCTS_PER_CATEGORY; i += 1) {
      id += 1;
      const name = `${pick(random, ADJECTIVES)} ${pick(random, NOUNS[category.slug]!)} ${String.fromCharCode(65 + (i % 26))}${Math.floor(i / 26) + 1}`;
      const tags = TAGS.filter(() => random() < 0.25);
      products.push({
        id,
        slug: slugify(name),
        name,
        categorySlug: category.slug,
        sku: `NW-${category.slug.slice(0, 3).toUpperCase()}-${id}`,
        priceCents: 1500 + Math.floor(random() * 40000),
        currency: 'USD',
        rating: Math.round((3 + random() * 2) * 10) / 10,
        reviewCount: Math.floor(random() * 900),
        inStock: random() > 0.15,
        tags,
        color: `#${Math.floor(random() * 0xffffff).toString(16).padStart(6, '0')}`,
        description: `The ${name} is part of our ${category.name.toLowerCase()} range: ${category.description.toLowerCase()} ` +
          `Made in small batches, backed by free repairs for as long as you own it.`,
      });
    }
  }
  // One item carries markup in its data, as user-generated or CMS text can: the page must show it as
  // text and the hydration state must never let it close the <script>.
  const trap = products[7]!;
  trap.description = `Ships with a care card that says "</script><script>alert('xss')</script>" & <b>fragile</b>. ${trap.description}`;

  const articles: Article[] = [];
  for (let i = 0; i < 40; i += 1) {
    const title = `${pick(random, TOPICS)} ${pick(random, SUBJECTS)} (${i + 1})`;
    const published = Math.floor(random() * 600);
    articles.push({
      slug: slugify(title),
      title,
      author: pick(random, AUTHORS),
      publishedAt: isoDate(published),
      updatedAt: isoDate(published + Math.floor(random() * 30)),
      summary: `${title}: what we learned in the workshop, step by step.`,
      paragraphs: Array.from({ length: 6 }, (_, p) =>
        `Step ${p + 1}. ${pick(random, SUBJECTS)} takes patience; ${pick(random, ADJECTIVES).toLowerCase()} weather helps, and so does a good light.`),
      relatedProductIds: Array.from({ length: 3 }, () => 1001 + Math.floor(random() * products.length)),
    });
  }
  return { categories, products, articles };
}
