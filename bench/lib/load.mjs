/**
 * The driver: autocannon with per-response bookkeeping. Every response is recorded with its time,
 * status, latency and who rendered it (the target's `classify(headers)`), so scenarios can compute
 * percentiles per phase and the share of pages rendered by FC or locally.
 */
import autocannon from 'autocannon';
import { latencySummary } from './stats.mjs';

/** Flat raw header list from the HTTP parser → lower-cased object. */
function headerObject(raw) {
  const out = {};
  for (let i = 0; i + 1 < raw.length; i += 2) out[String(raw[i]).toLowerCase()] = String(raw[i + 1]);
  return out;
}

/**
 * Run load against `url`.
 * @param {object} options
 * @param {string} options.url        full URL of the page
 * @param {number} options.connections
 * @param {number} [options.duration] seconds (or `amount`)
 * @param {number} [options.amount]   total requests
 * @param {(headers: Record<string,string>) => string} [options.classify] → 'fc' | 'local' | 'cache' | 'other'
 * @param {number} [options.timeoutS] per-request timeout (autocannon counts it as an error)
 * @param {boolean} [options.keepSamples] return the raw per-response records
 * @param {(records: object[]) => boolean} [options.until] checked every 250 ms; true stops the load early
 */
export async function runLoad({ url, connections, duration, amount, classify, timeoutS = 30, keepSamples = false, until }) {
  const records = [];
  const started = Date.now();
  const instance = autocannon({
    url,
    connections,
    ...(amount ? { amount } : { duration }),
    timeout: timeoutS,
    headers: { 'user-agent': 'ssr-offload-bench', accept: 'text/html' },
    setupClient(client) {
      let pendingBy = 'other';
      client.on('headers', ({ headers }) => {
        pendingBy = classify ? classify(headerObject(headers)) : 'other';
      });
      client.on('response', (status, _bytes, latency) => {
        records.push({ t: Date.now(), status, latency, by: pendingBy });
        pendingBy = 'other';
      });
    },
  });
  const poll = until && setInterval(() => { if (until(records)) instance.stop(); }, 250);
  const result = await instance;
  if (poll) clearInterval(poll);
  const elapsedS = (Date.now() - started) / 1000;
  const summary = summarizeLoad(records, result, elapsedS, keepSamples);
  // autocannon averages whole seconds; a fixed request count often ends mid-second.
  if (amount) summary.rps = Math.round((records.length / elapsedS) * 10) / 10;
  return summary;
}

/** Turn records + autocannon's own counters into one flat, JSON-friendly object. */
export function summarizeLoad(records, result, elapsedS, keepSamples = false) {
  const by = { fc: 0, local: 0, cache: 0, other: 0 };
  let ok = 0;
  for (const record of records) {
    by[record.by] = (by[record.by] ?? 0) + 1;
    if (record.status >= 200 && record.status < 400) ok++;
  }
  const total = records.length;
  const latency = latencySummary(records.map((record) => record.latency));
  const summary = {
    requests: total,
    rps: Math.round((result?.requests?.average ?? total / elapsedS) * 10) / 10,
    ...latency,
    errors: (result?.errors ?? 0) + (result?.timeouts ?? 0),
    non2xx: total - ok,
    servedByFc: by.fc,
    servedLocally: by.local,
    servedFromCache: by.cache,
    localShare: total ? Math.round((by.local / total) * 1000) / 1000 : 0,
    fcShare: total ? Math.round((by.fc / total) * 1000) / 1000 : 0,
  };
  if (keepSamples) Object.defineProperty(summary, 'records', { value: records, enumerable: false });
  return summary;
}

/** Percentiles + shares of a slice of records (e.g. one phase of a fault timeline). */
export function summarizeRecords(records, elapsedS) {
  const summary = summarizeLoad(records, undefined, elapsedS);
  summary.rps = elapsedS > 0 ? Math.round((records.length / elapsedS) * 10) / 10 : 0;
  return summary;
}
