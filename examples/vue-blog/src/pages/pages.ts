/** The pages, as render functions over the shared state (no templates: runtime-only Vue). */
import { defineComponent, h, inject } from 'vue';
import { RouterLink } from 'vue-router';
import type { BlogState } from '../state.js';
import { layout } from './layout.js';

export const STATE_KEY = Symbol('blog-state');
const useState = () => inject<BlogState>(STATE_KEY)!;

function noteList(notes: BlogState['notes']) {
  return h('ul', { class: 'notes' }, notes.map((note) => h('li', { key: note.slug }, [
    h(RouterLink, { to: `/notes/${note.slug}` }, () => note.title),
    h('p', note.summary),
  ])));
}

export const HomePage = defineComponent({
  name: 'HomePage',
  setup() {
    const state = useState();
    return () => layout(h('h1', 'Notes on offloading'), noteList(state.notes));
  },
});

export const NotePage = defineComponent({
  name: 'NotePage',
  setup() {
    const state = useState();
    return () => {
      const note = state.note;
      if (!note) return h(NotFoundPage);
      return layout(h('article', [
        h('h1', note.title),
        h('p', { class: 'meta' }, [`Published ${note.published} · `, ...note.tags.map((tag) => h(RouterLink, { to: `/tags?tag=${encodeURIComponent(tag)}`, class: 'tag' }, () => tag))]),
        h('p', { class: 'summary' }, note.summary),
        ...note.body.map((paragraph) => h('p', paragraph)),
      ]));
    };
  },
});

export const TagPage = defineComponent({
  name: 'TagPage',
  setup() {
    const state = useState();
    return () => layout(h('h1', `Tagged “${state.tag ?? ''}”`), state.notes.length ? noteList(state.notes) : h('p', 'No notes carry this tag.'));
  },
});

export const NotFoundPage = defineComponent({
  name: 'NotFoundPage',
  setup() {
    return () => layout(h('h1', 'Nothing here'), h('p', [h(RouterLink, { to: '/' }, () => 'Back to the notes')]));
  },
});
