/**
 * 6. Cold start — size of the FC bundle (dist/function/index.mjs, raw and gzip) and, in fresh processes,
 * import + first render (median of BENCH_COLD_RUNS, 10 by default). The server-side `ssr` import (what the
 * renderer and the gateway load) is measured the same way for comparison.
 */
import { bundleSize, coldStarts } from '../lib/cold-start.mjs';
import { ratio } from '../lib/stats.mjs';

export default {
  id: '6-cold-start',
  title: 'Cold start: bundle size and import + first render in a fresh process',
  baselineName: 'ssr (dist/node)',
  oursName: 'function bundle',
  async run(_stack, knobs, log) {
    const size = bundleSize();
    const bundle = size ? await coldStarts('bundle', { runs: knobs.coldRuns, page: knobs.page }) : null;
    const ssr = await coldStarts('ssr', { runs: knobs.coldRuns, page: knobs.page });
    if (size) log(`  bundle ${size.rawBytes} B raw, ${size.gzipBytes} B gzip; import+first render ${bundle.importAndFirstRenderMs.median} ms (median of ${knobs.coldRuns})`);
    else log('  dist/function/index.mjs not built: bundle skipped');
    log(`  ssr import+first render ${ssr.importAndFirstRenderMs.median} ms`);
    return {
      bundle: size,
      ours: bundle,
      baseline: ssr,
      ratios: { importAndFirstRender: bundle ? ratio(bundle.importAndFirstRenderMs.median, ssr.importAndFirstRenderMs.median) : null },
    };
  },
};
