// The key: site + path + sorted query without ignored parameters, + vary'd header values.
import t from 'tap';
import { ignoredParamTest, normalizePageUrl, pageKeyOf, variantKeyOf } from '../../server/cache/cache-key.js';
import { DEFAULT_IGNORE_PARAMS } from '../../server/config.js';

const ignored = ignoredParamTest(DEFAULT_IGNORE_PARAMS);

t.test('sorted, stable for repeated names, trackers removed, encoding normalized', async (t) => {
  t.equal(normalizePageUrl('/c?b=2&a=1', ignored), '/c?a=1&b=2');
  t.equal(normalizePageUrl('/c?a=2&b=0&a=1', ignored), '/c?a=2&a=1&b=0', 'repeated names keep their order');
  t.equal(normalizePageUrl('/c?utm_source=x&UTM_Medium=y&gclid=1&fbclid=2&page=3', ignored), '/c?page=3');
  t.equal(normalizePageUrl('/c?utm_source=x', ignored), '/c', 'no empty ?');
  t.equal(normalizePageUrl('/c?q=%7E+a', ignored), normalizePageUrl('/c?q=~%20a', ignored));
  t.equal(normalizePageUrl('/c', ignored), '/c');
});

t.test('the site is part of the key, the Host never is', async (t) => {
  t.not(pageKeyOf('shop', '/p', ignored).primary, pageKeyOf('blog', '/p', ignored).primary);
  t.equal(pageKeyOf('shop', '/p?utm_x=1', ignored).primary, pageKeyOf('shop', '/p', ignored).primary);
});

t.test('variants add the named header values', async (t) => {
  const primary = pageKeyOf('shop', '/p', ignored).primary;
  t.equal(variantKeyOf(primary, [], { 'accept-language': 'de' }), primary);
  t.not(variantKeyOf(primary, ['accept-language'], { 'accept-language': 'de' }), variantKeyOf(primary, ['accept-language'], { 'accept-language': 'en' }));
  t.equal(variantKeyOf(primary, ['accept-language'], {}), variantKeyOf(primary, ['accept-language'], { 'accept-language': '' }));
});
