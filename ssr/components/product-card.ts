import { defineComponent, h, type PropType } from 'vue';
import { RouterLink } from 'vue-router';
import type { Product } from '../catalog.js';
import { formatPrice } from '../format.js';

/** Five stars, filled to the nearest half; the number is the accessible text. */
export const StarRating = defineComponent({
  name: 'StarRating',
  props: { rating: { type: Number, required: true }, count: { type: Number, required: true } },
  setup(props) {
    return () => h('p', { class: 'rating', 'aria-label': `Rated ${props.rating} out of 5 by ${props.count} reviewers` }, [
      ...[1, 2, 3, 4, 5].map((star) =>
        h('span', { class: props.rating >= star ? 'star full' : props.rating >= star - 0.5 ? 'star half' : 'star', 'aria-hidden': 'true' }, '★')),
      h('span', { class: 'count' }, ` (${props.count})`),
    ]);
  },
});

export const PriceTag = defineComponent({
  name: 'PriceTag',
  props: { cents: { type: Number, required: true }, inStock: { type: Boolean, default: true } },
  setup(props) {
    return () => h('p', { class: 'price' }, [
      h('strong', formatPrice(props.cents)),
      props.inStock ? null : h('span', { class: 'sold-out' }, ' Sold out'),
    ]);
  },
});

export const TagList = defineComponent({
  name: 'TagList',
  props: { tags: { type: Array as PropType<string[]>, required: true } },
  setup(props) {
    return () => (props.tags.length === 0 ? null : h('ul', { class: 'tags' }, props.tags.map((tag) => h('li', { key: tag }, tag))));
  },
});

/** A product tile in listings: swatch, name, price, rating, tags. */
export const ProductCard = defineComponent({
  name: 'ProductCard',
  props: { product: { type: Object as PropType<Product>, required: true } },
  setup(props) {
    return () => {
      const { product } = props;
      return h('article', { class: 'card' }, [
        h(RouterLink, { to: `/products/${product.id}`, class: 'card-link' }, () => [
          h('div', { class: 'swatch', style: { background: product.color }, role: 'img', 'aria-label': product.name }),
          h('h3', product.name),
        ]),
        h(PriceTag, { cents: product.priceCents, inStock: product.inStock }),
        h(StarRating, { rating: product.rating, count: product.reviewCount }),
        h(TagList, { tags: product.tags }),
      ]);
    };
  },
});

export const ProductGrid = defineComponent({
  name: 'ProductGrid',
  props: { products: { type: Array as PropType<Product[]>, required: true } },
  setup(props) {
    return () => h('div', { class: 'grid' }, props.products.map((product) => h(ProductCard, { key: product.id, product })));
  },
});
