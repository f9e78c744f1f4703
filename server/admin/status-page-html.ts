/**
 * The status page: one self-contained HTML document (inline CSS and JS, no CDN, no build step) that
 * polls `/status.json` every second and draws the gateway's state. Made to be read during an incident:
 * the headline says in words what is happening, colours carry the same meaning everywhere (FC blue,
 * local amber, cache green, errors red), and nothing from the data is ever parsed as HTML (textContent
 * only), so a label can never inject markup.
 */
export const STATUS_PAGE_HTML = /* html */ `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ssr-offload · status</title>
<link rel="icon" href="data:,">
<style>
  :root {
    --bg: #0b1120; --panel: #111a2e; --panel2: #16213a; --line: #24324f; --text: #e6ecf7; --muted: #8fa0bf;
    --fc: #4f8cff; --local: #f5a524; --cache: #2fbf71; --none: #ef5350; --ok: #2fbf71; --warn: #f5a524; --bad: #ef5350;
    font-family: ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  }
  * { box-sizing: border-box; }
  [hidden] { display: none !important; }
  body { margin: 0; background: var(--bg); color: var(--text); font-size: 14px; line-height: 1.45; }
  header { display: flex; align-items: center; gap: 16px; padding: 18px 28px; border-bottom: 1px solid var(--line); background: linear-gradient(180deg, #0f1830, var(--bg)); }
  header h1 { margin: 0; font-size: 18px; font-weight: 650; letter-spacing: .2px; }
  header .sub { color: var(--muted); font-size: 13px; }
  header .spacer { flex: 1; }
  .pill { display: inline-flex; align-items: center; gap: 6px; padding: 3px 10px; border-radius: 999px; font-size: 12px; font-weight: 650; letter-spacing: .3px; text-transform: uppercase; border: 1px solid transparent; white-space: nowrap; }
  .pill::before { content: ""; width: 8px; height: 8px; border-radius: 50%; background: currentColor; }
  .pill.ok { color: var(--ok); background: rgba(47,191,113,.12); border-color: rgba(47,191,113,.35); }
  .pill.warn { color: var(--warn); background: rgba(245,165,36,.12); border-color: rgba(245,165,36,.35); }
  .pill.bad { color: var(--bad); background: rgba(239,83,80,.14); border-color: rgba(239,83,80,.4); }
  .pill.muted { color: var(--muted); background: rgba(143,160,191,.1); border-color: var(--line); }
  main { padding: 22px 28px 40px; max-width: 1280px; margin: 0 auto; }
  .headline { display: flex; align-items: center; gap: 14px; padding: 16px 20px; border-radius: 12px; background: var(--panel); border: 1px solid var(--line); margin-bottom: 18px; }
  .headline .big { font-size: 20px; font-weight: 650; }
  .headline .why { color: var(--muted); }
  .headline.ok { border-left: 5px solid var(--ok); } .headline.warn { border-left: 5px solid var(--warn); } .headline.bad { border-left: 5px solid var(--bad); }
  h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .8px; color: var(--muted); margin: 24px 0 10px; font-weight: 650; }
  .grid { display: grid; gap: 14px; }
  .targets { grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); }
  .card { background: var(--panel); border: 1px solid var(--line); border-radius: 12px; padding: 16px 18px; }
  .card .title { display: flex; align-items: center; justify-content: space-between; gap: 10px; margin-bottom: 10px; }
  .card .name { font-weight: 650; font-size: 15px; }
  .kv { display: grid; grid-template-columns: 1fr auto; gap: 4px 12px; color: var(--muted); }
  .kv b { color: var(--text); font-weight: 600; font-variant-numeric: tabular-nums; text-align: right; }
  .tiles { grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); }
  .tile { background: var(--panel2); border: 1px solid var(--line); border-radius: 10px; padding: 12px 14px; }
  .tile .label { color: var(--muted); font-size: 12px; }
  .tile .value { font-size: 24px; font-weight: 650; font-variant-numeric: tabular-nums; margin-top: 2px; }
  .tile .value small { font-size: 13px; color: var(--muted); font-weight: 500; margin-left: 3px; }
  .share { display: flex; height: 14px; border-radius: 7px; overflow: hidden; background: var(--panel2); border: 1px solid var(--line); margin: 12px 0 8px; }
  .share span { display: block; height: 100%; transition: width .4s ease; }
  .legend { display: flex; gap: 16px; flex-wrap: wrap; color: var(--muted); font-size: 12px; }
  .legend i { display: inline-block; width: 10px; height: 10px; border-radius: 3px; margin-right: 6px; vertical-align: -1px; }
  .site { margin-top: 8px; }
  .site-grid { grid-template-columns: 2fr 1fr; }
  @media (max-width: 900px) { .site-grid { grid-template-columns: 1fr; } }
  svg.chart { width: 100%; height: 150px; display: block; }
  .reasons { width: 100%; border-collapse: collapse; }
  .reasons td { padding: 5px 0; border-bottom: 1px solid var(--line); }
  .reasons td.n { text-align: right; font-variant-numeric: tabular-nums; font-weight: 600; width: 60px; }
  .reasons .bar { height: 6px; border-radius: 3px; background: var(--none); opacity: .8; margin-top: 3px; }
  .empty { color: var(--muted); font-style: italic; }
  .controls { grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); }
  .controls label { display: flex; flex-direction: column; gap: 4px; color: var(--muted); font-size: 12px; }
  input[type=number], input[type=password] { background: var(--panel2); color: var(--text); border: 1px solid var(--line); border-radius: 8px; padding: 7px 9px; font-size: 14px; width: 100%; }
  button { background: var(--panel2); color: var(--text); border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; font-size: 13px; font-weight: 600; cursor: pointer; }
  button:hover { border-color: var(--fc); }
  button.primary { background: var(--fc); border-color: var(--fc); color: #fff; }
  button.danger { border-color: rgba(239,83,80,.5); }
  button[aria-pressed=true] { background: rgba(79,140,255,.2); border-color: var(--fc); }
  .row { display: flex; gap: 8px; flex-wrap: wrap; align-items: center; }
  .note { color: var(--muted); font-size: 12px; margin-top: 10px; }
  .msg { font-size: 13px; margin-left: 8px; }
  .msg.bad { color: var(--bad); } .msg.ok { color: var(--ok); }
  footer { color: var(--muted); font-size: 12px; padding: 0 28px 24px; max-width: 1280px; margin: 0 auto; }
  code { background: var(--panel2); padding: 1px 5px; border-radius: 4px; font-size: 12px; }
</style>
</head>
<body>
<header>
  <div>
    <h1>ssr-offload · gateway status</h1>
    <div class="sub" id="policy">connecting…</div>
  </div>
  <div class="spacer"></div>
  <span class="pill muted" id="live">connecting</span>
</header>
<main>
  <div class="headline warn" id="headline"><span class="pill muted" id="overall">…</span><div><div class="big" id="headline-text">Waiting for the first sample</div><div class="why" id="headline-why"></div></div></div>
  <h2>FC targets</h2>
  <div class="grid targets" id="targets"></div>
  <div id="sites"></div>
  <section id="emulator" hidden>
    <h2>FC emulator fault knobs <span class="pill muted">local demo</span></h2>
    <div class="card">
      <div class="row" id="presets"></div>
      <div class="grid controls" id="knobs" style="margin-top:14px"></div>
      <div class="row" style="margin-top:14px">
        <button class="primary" id="apply">Apply knobs</button>
        <label id="token-label" hidden style="display:flex;gap:6px;align-items:center;color:var(--muted);font-size:12px">ADMIN_TOKEN <input type="password" id="token" autocomplete="off" style="width:220px"></label>
        <span class="msg" id="knob-msg"></span>
      </div>
      <div class="row" style="margin-top:14px">
        <button id="traffic" aria-pressed="false">Send demo traffic (5 pages/s)</button>
        <span class="note" id="traffic-note"></span>
      </div>
      <div class="note">The emulator runs the real function bundle; knobs change how "FC" answers (error rate → 5xx, hang → no answer, throttle → 429…). Watch the breaker open and pages move to local render, then reset to healthy and watch one trial call close it.</div>
    </div>
  </section>
</main>
<footer>Numbers are the last <span id="window">60</span> s of this gateway process (1 s samples of its own Prometheus metrics). <code>/status.json</code> has the same data; <code>/metrics</code> the raw series.</footer>
<script>
(() => {
  'use strict';
  const COLORS = { fc: 'var(--fc)', local: 'var(--local)', cache: 'var(--cache)', none: 'var(--none)' };
  const NAMES = { fc: 'FC', local: 'local render', cache: 'cache', none: 'no page (503)' };
  const $ = (id) => document.getElementById(id);
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') el.className = v; else if (k === 'style') el.setAttribute('style', v); else if (k.startsWith('on')) el.addEventListener(k.slice(2), v); else el.setAttribute(k, v);
    }
    for (const child of children.flat()) if (child !== undefined && child !== null) el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    return el;
  }
  const pct = (x) => (x * 100).toFixed(x > 0 && x < 0.1 ? 1 : 0) + '%';
  const num = (x, digits = 1) => (x === undefined || x === null ? '–' : Number(x).toFixed(digits));
  const BREAKER = { closed: ['closed', 'ok'], halfOpen: ['half-open', 'warn'], open: ['open', 'bad'] };
  const HEALTH = { healthy: 'ok', degraded: 'warn', recovering: 'warn', down: 'bad' };

  function headline(s) {
    const site = s.sites[0];
    const open = s.targets.filter((t) => t.breaker === 'open');
    const half = s.targets.filter((t) => t.breaker === 'halfOpen');
    const degraded = s.targets.filter((t) => t.health === 'degraded');
    const fallbacks = s.sites.reduce((n, x) => n + Object.values(x.fallbacks).reduce((a, b) => a + b, 0), 0);
    const none = s.sites.reduce((n, x) => n + (x.outcomes.error || 0), 0);
    if (none > 0) return ['bad', 'Some pages could not be served', none + ' answers were 503 in the last minute: neither FC nor local render produced a page.'];
    if (open.length) return ['bad', 'FC breaker open: pages are rendered locally', open.map((t) => t.name).join(', ') + ' is not called until the breaker lets one trial through (every ' + (s.breakerSettings.resetTimeoutMs / 1000) + ' s).'];
    if (half.length) return ['warn', 'FC recovering: one trial call decides', half.map((t) => t.name).join(', ') + ' is half-open; a success closes the breaker.'];
    if (degraded.length || fallbacks) {
      const whileOpen = s.sites.reduce((n, x) => n + (x.fallbacks.BREAKER_OPEN || 0), 0);
      return ['warn', 'FC is failing for some pages', fallbacks + ' pages fell back to local render in the last minute' + (whileOpen ? ' (' + whileOpen + ' while the breaker was open)' : '') + '; the breaker is closed now.'];
    }
    if (!s.targets.length) return ['ok', 'Serving locally (' + s.policy + ')', 'No FC target is configured.'];
    if (site && site.pages === 0) return ['ok', 'Healthy, no traffic yet', 'No pages in the last minute.'];
    return ['ok', 'Healthy: FC is serving', site ? pct(site.share.fc) + ' of pages from FC in the last minute.' : ''];
  }

  function targetCard(t) {
    const [label, tone] = BREAKER[t.breaker] || [t.breaker, 'muted'];
    return h('div', { class: 'card', 'data-target': t.name },
      h('div', { class: 'title' }, h('span', { class: 'name' }, t.name), h('span', { class: 'pill ' + tone, 'data-breaker': t.breaker }, 'breaker ' + label)),
      h('div', { class: 'kv' },
        'health', h('b', { 'data-health': t.health }, h('span', { class: 'pill ' + (HEALTH[t.health] || 'muted') }, t.health)),
        'FC calls / min', h('b', {}, t.calls),
        'failed', h('b', { style: t.failures ? 'color:var(--bad)' : '' }, t.failures),
        'FC p95', h('b', {}, t.p95Ms === undefined ? '–' : num(t.p95Ms) + ' ms')));
  }

  function chart(series) {
    const W = 600, H = 150, P = 4;
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H); svg.setAttribute('preserveAspectRatio', 'none'); svg.setAttribute('class', 'chart');
    svg.setAttribute('role', 'img'); svg.setAttribute('aria-label', 'pages per second by target, last minute');
    const n = Math.max(series.length, 2);
    const max = Math.max(1, ...series.map((p) => p.fc + p.local + p.cache + p.none));
    const x = (i) => (i / (n - 1)) * W;
    const y = (v) => H - P - (v / max) * (H - 2 * P);
    for (let g = 1; g <= 3; g++) {
      const line = document.createElementNS(svg.namespaceURI, 'line');
      const gy = H - P - (g / 3) * (H - 2 * P);
      line.setAttribute('x1', 0); line.setAttribute('x2', W); line.setAttribute('y1', gy); line.setAttribute('y2', gy);
      line.setAttribute('stroke', '#24324f'); line.setAttribute('stroke-width', '1'); line.setAttribute('vector-effect', 'non-scaling-stroke');
      svg.append(line);
    }
    let base = series.map(() => 0);
    for (const key of ['fc', 'local', 'cache', 'none']) {
      const top = series.map((p, i) => base[i] + p[key]);
      if (top.some((v, i) => v !== base[i])) {
        const pts = top.map((v, i) => x(i) + ',' + y(v)).concat(base.map((v, i) => x(i) + ',' + y(v)).reverse());
        const poly = document.createElementNS(svg.namespaceURI, 'polygon');
        poly.setAttribute('points', pts.join(' ')); poly.setAttribute('fill', COLORS[key]); poly.setAttribute('fill-opacity', '0.75');
        svg.append(poly);
      }
      base = top;
    }
    const label = document.createElementNS(svg.namespaceURI, 'text');
    label.setAttribute('x', 6); label.setAttribute('y', 14); label.setAttribute('fill', '#8fa0bf'); label.setAttribute('font-size', '11');
    label.textContent = 'peak ' + max.toFixed(1) + ' pages/s';
    svg.append(label);
    const now = document.createElementNS(svg.namespaceURI, 'text');
    now.setAttribute('x', W - 6); now.setAttribute('y', 14); now.setAttribute('fill', '#8fa0bf'); now.setAttribute('font-size', '11'); now.setAttribute('text-anchor', 'end');
    now.textContent = series.length + ' s ago → now';
    svg.append(now);
    return svg;
  }

  function siteSection(site, s) {
    const tiles = [
      ['pages / s', num(site.perSecond), ''], ['from FC', pct(site.share.fc), ''], ['local', pct(site.share.local), ''], ['cache hit ratio', pct(site.cacheHitRatio), ''],
      ['p50', num(site.latencyMs.p50), 'ms'], ['p95', num(site.latencyMs.p95), 'ms'], ['p99', num(site.latencyMs.p99), 'ms'],
      ['hedge rate', pct(site.hedges.rate), ''], ['hedge delay', site.hedges.delayMs ? site.hedges.delayMs : 'off', site.hedges.delayMs ? 'ms' : ''],
    ];
    const reasons = Object.entries(site.fallbacks).sort((a, b) => b[1] - a[1]);
    const maxReason = Math.max(1, ...reasons.map((r) => r[1]));
    return h('section', { class: 'site', 'data-site': site.name },
      h('h2', {}, 'Site ' + site.name + ' · last ' + s.windowSeconds + ' s · ' + site.pages + ' pages'),
      h('div', { class: 'grid tiles' }, tiles.map(([label, value, unit]) => h('div', { class: 'tile', 'data-tile': label }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value, unit ? h('small', {}, unit) : null)))),
      h('div', { class: 'share', 'data-share': '' }, ['fc', 'local', 'cache', 'none'].map((k) => h('span', { title: NAMES[k] + ' ' + pct(site.share[k]), style: 'width:' + (site.share[k] * 100) + '%;background:' + COLORS[k] }))),
      h('div', { class: 'legend' }, ['fc', 'local', 'cache', 'none'].map((k) => h('span', {}, h('i', { style: 'background:' + COLORS[k] }), NAMES[k] + ' ' + pct(site.share[k])))),
      h('div', { class: 'grid site-grid', style: 'margin-top:14px' },
        h('div', { class: 'card' }, h('div', { class: 'title' }, h('span', { class: 'name' }, 'Pages per second by target')), chart(site.series)),
        h('div', { class: 'card' }, h('div', { class: 'title' }, h('span', { class: 'name' }, 'Fallbacks by reason')),
          reasons.length ? h('table', { class: 'reasons' }, reasons.map(([reason, n]) => h('tr', { 'data-reason': reason }, h('td', {}, h('code', {}, reason), h('div', { class: 'bar', style: 'width:' + (n / maxReason * 100) + '%' })), h('td', { class: 'n' }, n))))
            : h('div', { class: 'empty' }, 'No fallbacks in the last minute.'),
          h('div', { class: 'kv', style: 'margin-top:12px' }, 'hedges won by local', h('b', {}, site.hedges.wonByLocal), 'hedges won by FC', h('b', {}, site.hedges.wonByFc), 'hedges refused (no headroom)', h('b', {}, site.hedges.refused), 'local renders in flight', h('b', {}, s.localInflight)))));
  }

  let emulatorReady = false;
  let lastOk = 0;
  async function poll() {
    try {
      const response = await fetch('status.json', { cache: 'no-store' });
      if (!response.ok) throw new Error('HTTP ' + response.status);
      const s = await response.json();
      lastOk = Date.now();
      $('live').className = 'pill ok'; $('live').textContent = 'live · ' + new Date(s.generatedAt).toLocaleTimeString();
      $('policy').textContent = 'policy ' + s.policy + (s.emulator ? ' · embedded FC emulator at ' + s.emulator.url : '');
      $('window').textContent = s.windowSeconds;
      const [tone, text, why] = headline(s);
      $('headline').className = 'headline ' + tone; $('overall').className = 'pill ' + tone; $('overall').textContent = tone === 'ok' ? 'ok' : tone === 'warn' ? 'degraded' : 'incident';
      $('headline-text').textContent = text; $('headline-why').textContent = why;
      $('targets').replaceChildren(...(s.targets.length ? s.targets.map(targetCard) : [h('div', { class: 'card empty' }, 'No FC target (local-only).')]));
      $('sites').replaceChildren(...s.sites.map((site) => siteSection(site, s)));
      if (s.emulator && !emulatorReady) { emulatorReady = true; setupEmulator(s); }
    } catch (error) {
      $('live').className = 'pill bad'; $('live').textContent = 'no data · ' + (error && error.message || error);
    }
  }

  const KNOBS = [
    ['errorRate', 'error rate (5xx), 0–1', 0.05], ['latencyMs', 'latency (ms)', 50], ['hangRate', 'hang rate (no answer), 0–1', 0.05],
    ['throttleRate', 'throttle rate (429), 0–1', 0.05], ['functionErrorRate', 'function error rate, 0–1', 0.05], ['resetRate', 'reset rate, 0–1', 0.05],
    ['garbageRate', 'garbage rate, 0–1', 0.05], ['slowRate', 'slow call rate, 0–1', 0.05], ['slowMs', 'slow call extra (ms)', 100], ['coldStartMs', 'cold start (ms)', 50],
  ];
  const HEALTHY = { errorRate: 0, latencyMs: 0, hangRate: 0, throttleRate: 0, functionErrorRate: 0, resetRate: 0, garbageRate: 0, slowRate: 0 };
  const PRESETS = [
    ['Healthy FC', HEALTHY, 'primary'], ['FC down (all 5xx)', { ...HEALTHY, errorRate: 1 }, 'danger'], ['FC hangs', { ...HEALTHY, hangRate: 1 }, 'danger'],
    ['Throttled (429)', { ...HEALTHY, throttleRate: 1 }, 'danger'], ['Brownout (30% slow)', { ...HEALTHY, slowRate: 0.3, slowMs: 2000 }, ''], ['Slow FC (800 ms)', { ...HEALTHY, latencyMs: 800 }, ''],
  ];
  function headers() {
    const token = $('token').value.trim();
    return token ? { 'content-type': 'application/json', authorization: 'Bearer ' + token } : { 'content-type': 'application/json' };
  }
  async function loadKnobs() {
    const response = await fetch('status/emulator/faults', { cache: 'no-store' });
    if (!response.ok) return;
    const faults = await response.json();
    for (const [key] of KNOBS) { const input = $('knob-' + key); if (input && document.activeElement !== input) input.value = faults[key]; }
  }
  async function putFaults(faults) {
    const msg = $('knob-msg');
    try {
      const response = await fetch('status/emulator/faults', { method: 'PUT', headers: headers(), body: JSON.stringify(faults) });
      const body = await response.json().catch(() => ({}));
      if (response.status === 401 || response.status === 403) { $('token-label').hidden = false; }
      if (!response.ok) throw new Error(body.message || body.error || ('HTTP ' + response.status));
      msg.className = 'msg ok'; msg.textContent = 'applied';
      await loadKnobs();
    } catch (error) { msg.className = 'msg bad'; msg.textContent = String(error.message || error); }
  }
  function setupEmulator(s) {
    $('emulator').hidden = false;
    if (s.emulator.tokenRequired) $('token-label').hidden = false;
    $('presets').replaceChildren(...PRESETS.map(([label, faults, cls]) => h('button', { class: cls, 'data-preset': label, onclick: () => putFaults(faults) }, label)));
    $('knobs').replaceChildren(...KNOBS.map(([key, label, step]) => h('label', {}, label, h('input', { type: 'number', id: 'knob-' + key, min: '0', step: String(step), 'data-knob': key }))));
    $('apply').addEventListener('click', () => {
      const faults = {};
      for (const [key] of KNOBS) { const v = $('knob-' + key).value; if (v !== '') faults[key] = Number(v); }
      putFaults(faults);
    });
    let timer = 0;
    let sent = 0;
    $('traffic').addEventListener('click', () => {
      const on = $('traffic').getAttribute('aria-pressed') !== 'true';
      $('traffic').setAttribute('aria-pressed', String(on));
      clearInterval(timer);
      if (!on || !s.publicUrl) { $('traffic-note').textContent = s.publicUrl ? '' : 'public URL unknown'; return; }
      timer = setInterval(() => {
        const id = 1001 + Math.floor(Math.random() * 40);
        // An opaque cross-origin GET: the page is rendered and counted; the answer is not read.
        fetch(s.publicUrl + '/products/' + id, { mode: 'no-cors', cache: 'no-store' }).catch(() => undefined);
        $('traffic-note').textContent = ++sent + ' pages requested from ' + s.publicUrl;
      }, 200);
    });
    loadKnobs();
    setInterval(loadKnobs, 5000);
  }

  poll();
  setInterval(poll, 1000);
  setInterval(() => { if (lastOk && Date.now() - lastOk > 5000) { $('live').className = 'pill bad'; $('live').textContent = 'stale: no answer for ' + Math.round((Date.now() - lastOk) / 1000) + ' s'; } }, 1000);
})();
</script>
</body>
</html>
`;
