/**
 * The page-duration and queue-wait histograms buffer each page's observation and replay the buffer when
 * they are read (server/deferred-histogram.ts). What a scraper sees must not change: every observation is
 * in the next scrape, with its labels and bucket, none twice; the buffer never grows past FLUSH_AT between
 * scrapes; a bad value still throws at the caller.
 */
import t from 'tap';
import { Registry } from 'prom-client';
import { deferredHistogram, FLUSH_AT } from '../../server/deferred-histogram.js';

function histogramOf(registry: Registry) {
  return deferredHistogram({ name: 'page_seconds', help: 'test', labelNames: ['target'] as const, buckets: [0.1, 1], registers: [registry] });
}

t.test('every observation is in the next scrape, with its labels and bucket, and only once', async (t) => {
  const registry = new Registry();
  const pages = histogramOf(registry);
  pages.observe(0.05, { target: 'local' });
  pages.observe(0.5, { target: 'fc' });
  pages.observe(2, { target: 'fc' });
  t.equal(pages.pending, 3, 'nothing replayed before a read');
  const first = await registry.metrics();
  t.match(first, /page_seconds_bucket\{le="0.1",target="local"\} 1\n/);
  t.match(first, /page_seconds_bucket\{le="1",target="fc"\} 1\n/);
  t.match(first, /page_seconds_count\{target="fc"\} 2\n/);
  t.match(first, /page_seconds_sum\{target="fc"\} 2.5\n/);
  t.equal(pages.pending, 0);
  pages.observe(0.2, { target: 'local' });
  const second = await registry.metrics();
  t.match(second, /page_seconds_count\{target="local"\} 2\n/, 'a second scrape adds only the new page');
  t.match(second, /page_seconds_count\{target="fc"\} 2\n/, 'and replays nothing twice');
});

t.test('without a scrape the buffer is replayed once it holds FLUSH_AT observations', async (t) => {
  const registry = new Registry();
  const pages = histogramOf(registry);
  let largest = 0;
  for (let i = 0; i < FLUSH_AT * 3 + 7; i += 1) {
    pages.observe(0.01, { target: 'local' });
    largest = Math.max(largest, pages.pending);
  }
  t.ok(largest < FLUSH_AT, `the buffer held at most ${largest} observations`);
  t.equal(pages.pending, 7);
  t.match(await registry.metrics(), new RegExp(`page_seconds_count\\{target="local"\\} ${FLUSH_AT * 3 + 7}\\n`));
});

t.test('a value that is not a finite number throws at the caller, as prom-client would', async (t) => {
  const registry = new Registry();
  const waits = deferredHistogram({ name: 'wait_seconds', help: 'test', buckets: [1], registers: [registry] });
  t.throws(() => waits.observe(Number.NaN), /not a finite number/);
  waits.observe(0.5);
  t.match(await registry.metrics(), /wait_seconds_count 1\n/, 'the bad value never reached the histogram');
});
