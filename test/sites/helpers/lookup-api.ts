/**
 * A real sites lookup API on 127.0.0.1 (port 0) that answers `GET /sites?host=<host>` the way it is told
 * to: a site for the host, 404, 5xx, a hang, a reset connection, garbage, a site for another host, or a
 * held answer released by the test. It counts the calls it gets.
 */
import { once, EventEmitter } from 'node:events';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Test } from 'tap';

export type LookupMode = 'site' | 'not-found' | '5xx' | 'hang' | 'reset' | 'garbage' | 'other-host' | 'default-site' | 'hold';

export interface LookupApi {
  /** SITES_LOOKUP_URL for it. */
  readonly url: string;
  /** How the next calls are answered. */
  mode: LookupMode;
  /** Calls received, per host. */
  readonly calls: Map<string, number>;
  /** Emits `call` (host) for every call received. */
  readonly events: EventEmitter;
  /** Answer every held call (mode `hold`) as `site` would. */
  release(): void;
  /** Total calls received. */
  total(): number;
}

/** The site object the API answers for `host` (its name and origin follow the host). */
export function siteFor(host: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const name = host.replace(/[^a-z0-9]+/g, '-').slice(0, 63);
  return { name, hosts: [host], origin: `https://${host}`, targets: [{ name: 'fc', url: `https://${name}.cn-hangzhou.fcapp.run` }], fallback: 'local', ...overrides };
}

export async function startLookupApi(t: Test): Promise<LookupApi> {
  const calls = new Map<string, number>();
  const events = new EventEmitter();
  const held: Array<{ res: ServerResponse; host: string }> = [];
  const answerSite = (res: ServerResponse, host: string, site = siteFor(host)) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(site));
  };
  const api: LookupApi = {
    url: '',
    mode: 'site',
    calls,
    events,
    release() {
      for (const { res, host } of held.splice(0)) answerSite(res, host);
    },
    total: () => [...calls.values()].reduce((sum, n) => sum + n, 0),
  };
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://lookup.invalid');
    const host = url.searchParams.get('host') ?? '';
    calls.set(host, (calls.get(host) ?? 0) + 1);
    const mode = api.mode;
    events.emit('call', host);
    switch (mode) {
      case 'site': return answerSite(res, host);
      case 'not-found': return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"app not found"}');
      case '5xx': return void res.writeHead(503).end('upstream down');
      case 'hang': return undefined;
      case 'reset': return req.socket.destroy();
      case 'garbage': return void res.writeHead(200, { 'content-type': 'application/json' }).end('<html>oops</html>');
      case 'other-host': return answerSite(res, host, siteFor('victim.example.com'));
      case 'default-site': return answerSite(res, host, { ...siteFor(host), hosts: [], default: true });
      case 'hold': return void held.push({ res, host });
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  t.teardown(() => {
    server.closeAllConnections();
    server.close();
  });
  (api as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sites`;
  return api;
}

/** A clock the test moves by hand. */
export function manualClock(start = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => { time += ms; } };
}
