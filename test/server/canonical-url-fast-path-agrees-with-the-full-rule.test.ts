/**
 * Most request targets are already canonical, so `canonicalPageUrl` answers them with one regex test
 * before running the full rule (server/page-url.ts). A fast path that disagreed with the rule would let a
 * dot-segment, an escape or a `//host` through unresolved, so here the two are compared on every URL of
 * the non-canonical corpus and on 20,000 targets generated from the characters that matter.
 */
import t from 'tap';
import { canonicalForm, canonicalPageUrl, isPlainlyCanonical, MAX_URL_LENGTH } from '../../server/page-url.js';
import { NON_CANONICAL_URLS } from '../fixtures/non-canonical-urls.js';

/** Deterministic PRNG (mulberry32): the same targets every run, so a failure names a reproducible URL. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

// Separators, dots, escapes (valid, partial, of `/`, `\`, `.`, NUL, non-UTF-8), raw characters a path may
// not carry, controls, non-ASCII and lone surrogates.
const PIECES = ['/', '/', '/', '.', '..', 'a', 'Z', '9', '-', '_', '~', '%2e', '%2E', '%2f', '%5C', '%41', '%7e', '%00', '%C0%AE', '%E0%A4%A', '%', '%g1',
  '?', '?', '#', '\\', ' ', '\t', '"', '<', '{', '+', '=', '&', ':', '@', '!', "'", '*', ',', ';', 'é', '\u{1F600}', '\uD800', '\u007f'];

function generated(count: number): string[] {
  const next = random(0x5eed);
  const targets: string[] = [];
  for (let i = 0; i < count; i += 1) {
    let target = next() < 0.9 ? '/' : '';
    const length = Math.floor(next() * 10);
    for (let j = 0; j < length; j += 1) target += PIECES[Math.floor(next() * PIECES.length)];
    targets.push(target);
  }
  return targets;
}

t.test('everything the fast path accepts is left exactly as it is by the full rule', async (t) => {
  const targets = [...generated(20_000), ...NON_CANONICAL_URLS.map((entry) => entry.url)];
  let fast = 0;
  const disagreements: string[] = [];
  for (const target of targets) {
    const full = canonicalForm(target);
    if (isPlainlyCanonical(target)) {
      fast += 1;
      if (!full.ok || !full.canonical || full.url !== target) disagreements.push(target);
    }
    if (JSON.stringify(canonicalPageUrl(target)) !== JSON.stringify(full)) disagreements.push(target);
  }
  t.same(disagreements, [], 'no target gets a different answer from the fast path');
  // The comparison means something only if the generator reaches the fast path often.
  t.ok(fast > 1000, `${fast} of ${targets.length} generated targets took the fast path`);
});

t.test('the URLs real traffic sends take the fast path', async (t) => {
  for (const target of ['/', '/products/1001', '/products/1001/', '/search?q=red+shoes&page=2', '/a-b_c~d.e/f!g$h&i\'j(k)l*m+n,o;p=q:r@s', '/..well-known-not/x']) {
    t.ok(isPlainlyCanonical(target), target);
  }
  for (const target of ['', '//evil.example/x', '/a//b', '/a/./b', '/a/..', '/a/..?x', '/%41', '/x?a=%41', '/x#y', '/x y', '/é', '/x\\y', `/${'a'.repeat(MAX_URL_LENGTH)}`]) {
    t.notOk(isPlainlyCanonical(target), `${JSON.stringify(target.slice(0, 40))} goes through the full rule`);
  }
});
