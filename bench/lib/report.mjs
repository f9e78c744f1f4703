/**
 * Results → Markdown table (bench/results/latest.md) and a hand-written SVG chart (latest.svg): latency
 * percentiles per scenario, ours vs the baseline measured in the same run. No chart library.
 */

const fmt = (value, unit = '') => (value === null || value === undefined || Number.isNaN(value) ? '—' : `${value}${unit}`);
const range = (s, unit = '') => (s && s.median !== null && s.median !== undefined ? `${fmt(s.median, unit)} (${fmt(s.min)}–${fmt(s.max)})` : '—');
const pct = (v) => (v === null || v === undefined ? '—' : `${Math.round(v * 1000) / 10}%`);
const x = (v) => (v === null || v === undefined ? '—' : `×${v}`);
/** Scenario 1's goal is judged on the median of its per-pair ratios; their spread and the ratio of medians beside it. */
function renderOverheadRatio(r) {
  const pairs = r.ratios.perPairThroughput ?? [];
  const perPair = pairs.length ? `, per pair ${Math.min(...pairs)}–${Math.max(...pairs)}` : '';
  const control = r.control?.perPairThroughput?.length
    ? `; A/A control (bare/bare) ${x(r.control.throughput)}, per pair ${Math.min(...r.control.perPairThroughput)}–${Math.max(...r.control.perPairThroughput)}`
    : '';
  const eventLoop = r.eventLoop?.perPairThroughput?.length
    ? `; the same gateway rendering on its event loop (LOCAL_RENDER_THREADS=0) ${x(r.eventLoop.throughput)}, per pair ${Math.min(...r.eventLoop.perPairThroughput)}–${Math.max(...r.eventLoop.perPairThroughput)} (render thread / event loop ${x(r.eventLoop.threadsOverEventLoop)})`
    : '';
  return `${x(r.ratios.throughput)} median of per-pair ratios${perPair}; ratio of medians ${x(r.ratios.throughputOfMedians)} (goal ≥ 0.95: ${r.goal.met ? 'met' : 'not met'})${control}${eventLoop}`;
}

function latencyRows(label, side) {
  if (!side) return [];
  return [`| ${label} | ${range(side.rps)} | ${range(side.p50, ' ms')} | ${range(side.p99, ' ms')} | ${range(side.max, ' ms')} | ${fmt(side.failed?.median ?? ((side.errors?.median ?? 0) + (side.non2xx?.median ?? 0)))} | ${pct(side.localShare?.median)} |`];
}

const HEADER = ['| target | req/s | p50 | p99 | max | failed | rendered locally |', '|---|---|---|---|---|---|---|'];

/** The Markdown report. */
export function toMarkdown(results) {
  const s = results.scenarios;
  const m = results.machine;
  const h = results.headline;
  const lines = [];
  lines.push(`# ssr-offload benchmark — ${results.date.slice(0, 10)}`);
  lines.push('');
  lines.push(`Machine: ${m.cores} cores, ${m.cpuModel}, ${m.memoryGb} GB, ${m.os}; Node ${m.node}; ${m.nginx ?? 'nginx missing'}. ` +
    `Settings: ${results.settings.connections} connections, ${results.settings.durationS} s × ${results.settings.reps} repetitions (median, min–max), ` +
    `page \`${results.settings.page}\`, FC_TIMEOUT_MS = nginx timeouts = ${results.settings.fcTimeoutMs} ms, fail_timeout ${results.settings.failTimeoutS} s, ` +
    `BREAKER_RESET_MS ${results.settings.breakerResetMs}, FC = ${results.settings.fc ?? '—'}${results.settings.quick ? ', QUICK mode' : ''}. Suite took ${results.durationSeconds} s.`);
  for (const note of results.notes ?? []) lines.push(`\n> ${note}`);
  lines.push('');
  lines.push('## Headline (ratios against the baseline from the same run)');
  lines.push('');
  lines.push('| # | scenario | ssr-offload | baseline | ratio ours/baseline |');
  lines.push('|---|---|---|---|---|');
  const row = (id, what, ours, base, r) => lines.push(`| ${id} | ${what} | ${ours} | ${base} | ${r} |`);
  const ok = (id) => s[id] && !s[id].error;
  if (ok('1-render-overhead')) row(1, `render overhead: req/s, gateway local-only vs bare node:http (${s['1-render-overhead'].ours.reps.length} fresh process pairs)`, range(s['1-render-overhead'].ours.rps), range(s['1-render-overhead'].baseline.rps), renderOverheadRatio(s['1-render-overhead']));
  if (ok('2-healthy-fc')) {
    const r = s['2-healthy-fc'];
    row(2, 'healthy FC: req/s', range(r.ours.rps), range(r.baseline.rps), x(r.ratios.throughput));
    row(2, 'healthy FC: added p50 / p99 over calling FC directly', `${fmt(r.added.ours.p50Ms, ' ms')} / ${fmt(r.added.ours.p99Ms, ' ms')}`, `${fmt(r.added.baseline.p50Ms, ' ms')} / ${fmt(r.added.baseline.p99Ms, ' ms')}`, `p50 ${x(r.ratios.p50)}, p99 ${x(r.ratios.p99)}`);
  }
  if (ok('3-fc-hangs')) {
    const r = s['3-fc-hangs'];
    row(3, `FC hangs ${r.hangSeconds} s: p50 / p99 / max`, `${fmt(r.ours.p50.median, ' ms')} / ${fmt(r.ours.p99.median, ' ms')} / ${fmt(r.ours.max.median, ' ms')}`, `${fmt(r.baseline.p50.median, ' ms')} / ${fmt(r.baseline.p99.median, ' ms')} / ${fmt(r.baseline.max.median, ' ms')}`, `p99 ${x(r.ratios.p99)}`);
    row(3, 'FC hangs: failed requests (errors + non-2xx/3xx)', fmt(r.ours.failed.median), fmt(r.baseline.failed.median), '');
  }
  if (ok('4-brownout')) {
    const r = s['4-brownout'];
    const variants = `default (HEDGE_MS ${r.defaultHedgeMs}) / hedging off / HEDGE_MS ${r.hedgeMs}`;
    row(4, `brownout (${pct(r.slowRate)} of FC calls ${r.slowMs} ms): p99, ${variants}`, `${range(r.ours.p99, ' ms')} / ${range(r.oursUnhedged.p99, ' ms')} / ${range(r.oursHedged.p99, ' ms')}`, range(r.baseline.p99, ' ms'), `${x(r.ratios.p99)} / ${x(r.ratios.p99Unhedged)} / ${x(r.ratios.p99Hedged)}`);
    row(4, `brownout: req/s, ${variants}`, `${range(r.ours.rps)} / ${range(r.oursUnhedged.rps)} / ${range(r.oursHedged.rps)}`, range(r.baseline.rps), `${x(r.ratios.throughput)} / ${x(r.ratios.throughputUnhedged)} / ${x(r.ratios.throughputHedged)}`);
    row(4, `brownout: pages rendered locally, ${variants}`, `${pct(r.localShare.ours)} / ${pct(r.localShare.oursUnhedged)} / ${pct(r.localShare.oursHedged)}`, pct(r.localShare.baseline), '');
  }
  if (ok('5-fc-recovers')) {
    const r = s['5-fc-recovers'];
    row(5, `FC recovers: seconds until ≥ ${pct(r.share)} from FC`, range(r.ours.recoverySeconds, ' s'), range(r.baseline.recoverySeconds, ' s'), x(r.ratios.recovery));
  }
  if (ok('6-cold-start')) {
    const r = s['6-cold-start'];
    const b = r.bundle;
    row(6, 'cold start: import + first render (fresh process)', r.ours ? `bundle ${range(r.ours.importAndFirstRenderMs, ' ms')}` : 'bundle not built', `dist/node ssr ${range(r.baseline.importAndFirstRenderMs, ' ms')}`, x(r.ratios.importAndFirstRender));
    row(6, 'cold start: dist/function/index.mjs size', b ? `${(b.rawBytes / 1024).toFixed(1)} KB raw, ${(b.gzipBytes / 1024).toFixed(1)} KB gzip` : '—', '', '');
  }
  if (ok('11-tail')) {
    const r = s['11-tail'];
    const g = r.goals;
    const met = (goal) => (goal.met ? 'met' : 'NOT met');
    row(9, 'healthy FC: req/s, gateway fc-first vs bare node:http keep-alive proxy (same FC)', range(r.healthy.gateway.rps), range(r.healthy['bare-proxy'].rps), `${x(g.healthyThroughputVsBareProxy.value)} (goal ≥ 0.8: ${met(g.healthyThroughputVsBareProxy)})`);
    row(9, `brownout (${pct(r.brownout.slowRate)} of FC calls ${r.brownout.slowMs} ms): p99 vs the same gateway's healthy-FC p99`, range(r.brownoutRun.p99, ' ms'), range(r.healthy.gateway.p99, ' ms'), `${x(g.brownoutP99VsHealthyP99.value)} (goal ≤ 3: ${met(g.brownoutP99VsHealthyP99)})`);
    row(9, 'brownout: pages rendered by FC / failed', `${pct(g.brownoutFcShare.value)} / ${g.brownoutFailed.value}`, '', `goal ≥ 65% / 0: ${met(g.brownoutFcShare)} / ${met(g.brownoutFailed)}`);
    row(9, 'FC all slow (800 ms): FC calls per page after the slow-call rule tripped', `${r.allSlow.fcCallsPerPage} (${r.allSlow.fcCalls} calls / ${r.allSlow.measured.requests} pages; p99 ${fmt(r.allSlow.measured.p99, ' ms')})`, '', `goal ≤ 0.2: ${met(g.allSlowFcCallsPerPage)}`);
    row(9, `FC hangs ${r.hangSeconds} s: p99 vs local-only at the same load`, range(r.hang.gateway.p99, ' ms'), range(r.hang.localOnly.p99, ' ms'), `${x(g.hangP99VsLocalOnlyP99.value)} (goal ≤ 1.2: ${met(g.hangP99VsLocalOnlyP99)}); failed ${g.hangFailed.value}`);
  }
  if (ok('7-memory')) {
    const r = s['7-memory'];
    const at = r.ours.checkpoints.map((c) => `${c.requests}`).join(' / ');
    row(7, `memory: gateway heap after full GC at ${at} requests`, r.ours.checkpoints.map((c) => `${c.heapAfterGcMb} MB`).join(' / '), '', `growth ${fmt(r.growth.mbPer10kRequests)} MB per 10k`);
    row(7, `memory: RSS at ${at} requests (one sample, moves with GC)`, r.ours.checkpoints.map((c) => `${c.rssMb} MB`).join(' / '), r.baseline.rssMb ? `nginx ${r.baseline.rssMb} MB` : '—', '');
  }
  if (ok('8-new-pod')) {
    const r = s['8-new-pod'];
    row(8, `new pod: p99 of its first ${r.windowS} s under ${r.rate} req/s (open loop) vs its steady state`, range(r.ours.p99, ' ms'), range(r.baseline.p99, ' ms'), `${x(r.ratios.p99)} (goal ≤ ${r.goal.p99RatioAtMost}: ${r.goal.met ? 'met' : 'not met'})`);
    row(8, 'new pod: max of the first seconds vs steady; ready after', `${range(r.ours.max, ' ms')}; ready ${range(r.ours.readyAfterMs, ' ms')}`, range(r.baseline.max, ' ms'), x(r.ratios.max));
  }
  if (ok('9-cached-pages')) {
    const r = s['9-cached-pages'];
    row(9, 'cached pages: req/s, gateway render cache vs nginx proxy_cache (lock + use_stale updating + background_update)', range(r.ours.rps), range(r.baseline.rps), `${x(r.ratios.throughput)} (goal ≥ ${r.goal.throughputRatioAtLeast}: ${r.goal.met ? 'met' : 'not met'})`);
    row(9, 'cached pages: CPU ms per 1000 pages (gateway process; nginx master + workers)', fmt(r.cpuMsPer1000Pages?.ours), fmt(r.cpuMsPer1000Pages?.baseline), x(r.ratios.cpuPerPage));
    row(9, 'cached pages: p50 / p99', `${range(r.ours.p50, ' ms')} / ${range(r.ours.p99, ' ms')}`, `${range(r.baseline.p50, ' ms')} / ${range(r.baseline.p99, ' ms')}`, `p99 ${x(r.ratios.p99)}`);
  }
  if (ok('10-fc-hangs-warm-cache')) {
    const r = s['10-fc-hangs-warm-cache'];
    const healthyOurs = r.reference['gateway, healthy FC'];
    const healthyBase = r.reference['nginx proxy_cache, healthy FC'];
    row(10, 'FC hangs, warm cache: p99 healthy FC → FC hanging', `${range(healthyOurs.p99, ' ms')} → ${range(r.ours.p99, ' ms')} (${x(r.ratios.oursHangOverHealthyP99)})`, `${range(healthyBase.p99, ' ms')} → ${range(r.baseline.p99, ' ms')} (${x(r.ratios.baselineHangOverHealthyP99)})`, `goal ours < ×${r.goal.hangOverHealthyP99Below}: ${r.goal.met ? 'met' : 'not met'}`);
    row(10, 'FC hangs, warm cache: failed requests / req/s', `${fmt(r.ours.failed.median)} / ${range(r.ours.rps)}`, `${fmt(r.baseline.failed.median)} / ${range(r.baseline.rps)}`, '');
  }
  if (ok('12-region-failover')) {
    const r = s['12-region-failover'];
    const switched = (side) => `${range(side.switchSeconds, ' s')}${side.switchedReps < side.reps.length ? ` (${side.reps.length - side.switchedReps} of ${side.reps.length} never switched)` : ''}`;
    row(12, `region A hangs ${r.failoverSeconds} s: seconds until ≥ ${pct(r.share)} of pages come from region B`, switched(r.ours), switched(r.baseline), x(r.ratios.switch));
    row(12, 'region failover: p99 / max / failed requests during the switch', `${range(r.ours.p99, ' ms')} / ${range(r.ours.max, ' ms')} / ${fmt(r.ours.failed.median)}`, `${range(r.baseline.p99, ' ms')} / ${range(r.baseline.max, ' ms')} / ${fmt(r.baseline.failed.median)}`, `p99 ${x(r.ratios.p99)}`);
    row(12, 'region failover: back on region A after it is healed (≥ 95%)', range(r.ours.backToASeconds, ' s'), range(r.baseline.backToASeconds, ' s'), '');
  }
  for (const [id, r] of Object.entries(s)) if (r.error) row(id, r.title, 'FAILED', '', r.error.split('\n')[0]);

  lines.push('');
  lines.push('## Details (median, min–max over repetitions)');
  for (const [id, r] of Object.entries(s)) {
    if (r.error || !r.ours || !r.ours.rps) continue;
    lines.push('');
    lines.push(`### ${id}: ${r.title}`);
    lines.push('');
    lines.push(...HEADER);
    lines.push(...latencyRows(`ssr-offload ${r.oursName ?? ''}`.trim(), r.ours));
    if (r.oursUnhedged) lines.push(...latencyRows('ssr-offload gateway, hedging off', r.oursUnhedged));
    if (r.oursHedged) lines.push(...latencyRows(`ssr-offload gateway, HEDGE_MS ${r.hedgeMs}`, r.oursHedged));
    lines.push(...latencyRows(`baseline: ${r.baselineName}`, r.baseline));
    for (const [name, side] of Object.entries(r.reference ?? {})) lines.push(...latencyRows(`reference: ${name}`, side));
  }
  lines.push('');
  lines.push('![latency percentiles per scenario, ssr-offload vs baseline](latest.svg)');
  lines.push('');
  return lines.join('\n');
}

const escapeXml = (text) => String(text).replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]);

/** Groups of bars for the chart: one group per latency scenario, p50 and p99 of each side. */
export function chartGroups(results) {
  const s = results.scenarios;
  const groups = [];
  const add = (id, label, sides) => {
    if (!s[id] || s[id].error) return;
    groups.push({ label, bars: sides.filter(([, side]) => side?.p50).map(([name, side, ours]) => ({ name, ours, p50: side.p50.median, p99: side.p99.median })) });
  };
  add('1-render-overhead', '1 render overhead', [['gateway local-only', s['1-render-overhead']?.ours, true], ['bare', s['1-render-overhead']?.baseline, false]]);
  add('2-healthy-fc', '2 healthy FC', [['gateway', s['2-healthy-fc']?.ours, true], ['nginx', s['2-healthy-fc']?.baseline, false]]);
  add('3-fc-hangs', '3 FC hangs', [['gateway', s['3-fc-hangs']?.ours, true], ['nginx', s['3-fc-hangs']?.baseline, false]]);
  add('9-cached-pages', '9 cached pages', [['gateway', s['9-cached-pages']?.ours, true], ['nginx cache', s['9-cached-pages']?.baseline, false]]);
  add('10-fc-hangs-warm-cache', '10 hang, warm cache', [['gateway', s['10-fc-hangs-warm-cache']?.ours, true], ['nginx cache', s['10-fc-hangs-warm-cache']?.baseline, false]]);
  add('4-brownout', '4 brownout', [['default', s['4-brownout']?.ours, true], ['no hedge', s['4-brownout']?.oursUnhedged, true], [`HEDGE_MS ${s['4-brownout']?.hedgeMs}`, s['4-brownout']?.oursHedged, true], ['nginx', s['4-brownout']?.baseline, false]]);
  return groups;
}

/** Hand-written SVG: log-scale latency bars (p50 solid, p99 light) per scenario, ours vs baseline. */
export function toSvg(results) {
  const groups = chartGroups(results);
  const width = 960;
  const height = 440;
  const left = 64;
  const right = 20;
  const top = 56;
  const bottom = 104;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const values = groups.flatMap((g) => g.bars.flatMap((b) => [b.p50, b.p99])).filter((v) => v > 0);
  const minV = Math.max(0.1, 10 ** Math.floor(Math.log10(Math.min(...values, 1))));
  const maxV = 10 ** Math.ceil(Math.log10(Math.max(...values, 10)));
  const y = (v) => top + plotH - ((Math.log10(Math.max(v, minV)) - Math.log10(minV)) / (Math.log10(maxV) - Math.log10(minV))) * plotH;
  const out = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif" font-size="12">`);
  out.push(`<title>Latency p50/p99 per scenario: ssr-offload vs baseline (${escapeXml(results.date.slice(0, 10))})</title>`);
  out.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  out.push(`<text x="${left}" y="24" font-size="16" font-weight="600">Latency per scenario, ssr-offload vs baseline (log scale, ms; median of ${results.settings.reps} reps)</text>`);
  out.push(`<text x="${left}" y="42" fill="#555">${escapeXml(`${results.machine.cores} cores ${results.machine.cpuModel}, Node ${results.machine.node}, ${results.machine.nginx ?? ''}, ${results.settings.connections} connections`)}</text>`);
  if (results.notes?.length) out.push(`<text x="${width - right}" y="42" text-anchor="end" fill="#c92a2a" font-weight="600">stand-ins used — see notes in latest.md</text>`);
  for (let v = minV; v <= maxV; v *= 10) {
    const yy = y(v).toFixed(1);
    out.push(`<line x1="${left}" x2="${width - right}" y1="${yy}" y2="${yy}" stroke="#ddd"/>`);
    out.push(`<text x="${left - 6}" y="${(+yy + 4).toFixed(1)}" text-anchor="end" fill="#555">${v >= 1 ? v : v.toFixed(1)}</text>`);
  }
  const groupW = plotW / Math.max(groups.length, 1);
  groups.forEach((group, gi) => {
    const gx = left + gi * groupW;
    const barW = Math.min(34, (groupW - 30) / (group.bars.length * 2));
    const innerW = barW * 2 * group.bars.length + 6 * (group.bars.length - 1);
    let bx = gx + (groupW - innerW) / 2;
    group.bars.forEach((bar, bi) => {
      const color = bar.ours ? (bar.name.startsWith('HEDGE_MS') ? '#2a9d8f' : bar.name === 'no hedge' ? '#7048e8' : '#1f6feb') : '#d9480f';
      for (const [key, opacity] of [['p50', 1], ['p99', 0.45]]) {
        const value = bar[key];
        const yy = y(value);
        out.push(`<rect x="${bx.toFixed(1)}" y="${yy.toFixed(1)}" width="${barW.toFixed(1)}" height="${(top + plotH - yy).toFixed(1)}" fill="${color}" fill-opacity="${opacity}"><title>${escapeXml(`${group.label}, ${bar.name} ${key}: ${value} ms`)}</title></rect>`);
        out.push(`<text x="${(bx + barW / 2).toFixed(1)}" y="${(yy - 3).toFixed(1)}" text-anchor="middle" font-size="10" fill="#333">${value >= 100 ? Math.round(value) : value}</text>`);
        bx += barW;
      }
      // Staggered so neighbouring names never overlap.
      out.push(`<text x="${(bx - barW).toFixed(1)}" y="${top + plotH + 14 + (bi % 2) * 12}" text-anchor="middle" font-size="10" fill="#333">${escapeXml(bar.name)}</text>`);
      bx += 6;
    });
    out.push(`<text x="${(gx + groupW / 2).toFixed(1)}" y="${top + plotH + 46}" text-anchor="middle" font-weight="600">${escapeXml(group.label)}</text>`);
  });
  const ly = height - 28;
  const legend = [['#1f6feb', 1, 'ssr-offload p50'], ['#1f6feb', 0.45, 'ssr-offload p99'], ['#7048e8', 1, 'hedging off'], ['#2a9d8f', 1, 'tuned HEDGE_MS'], ['#d9480f', 1, 'baseline p50 (nginx / bare)'], ['#d9480f', 0.45, 'baseline p99']];
  let lx = left;
  legend.forEach(([color, opacity, label]) => {
    out.push(`<rect x="${lx}" y="${ly - 10}" width="12" height="12" fill="${color}" fill-opacity="${opacity}"/>`);
    out.push(`<text x="${lx + 17}" y="${ly}">${escapeXml(label)}</text>`);
    lx += 17 + label.length * 6.6 + 22; // ~6.6 px per character at 12 px
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
