/**
 * The shared shape of "FC fails this way → the user still gets the right page from the local render,
 * and nothing of FC's failed answer": one test file per fault calls this with its knob and reason.
 */
import type { Test } from 'tap';
import type { Faults } from '../../functions/emulator/index.js';
import { SITE_ORIGIN, startGateway } from './gateway.js';
import { parsePage } from './page.js';

const FC_HEADER = /^(x-fc-|content-disposition$)/i;

// HEDGE_MS 0: a hedge would answer a slow fault before FC fails, hiding the fault's own fallback reason.
// The FC deadline is short only where the deadline is the fault (FC_TIMEOUT); for every other fault a loaded
// machine's slow first call (the function's cold start) must not turn the fault into FC_TIMEOUT.
export async function assertFaultFallsBackToLocal(t: Test, faults: Partial<Faults>, reason: string, env: Record<string, string> = {}): Promise<void> {
  const gateway = await startGateway(t, { emulator: { faults }, env: { FC_TIMEOUT_MS: reason === 'FC_TIMEOUT' ? '300' : '5000', HEDGE_MS: '0', BREAKER_VOLUME: '1000', BREAKER_CONSECUTIVE_FAILURES: '0', ...env } });

  const response = await fetch(`${gateway.url}/products/1004`, { redirect: 'manual' });
  const html = await response.text();
  t.equal(response.status, 200, 'the product page answers 200');
  t.equal(response.headers.get('x-render-by'), 'local', 'rendered locally');
  t.match(response.headers.get('server-timing'), new RegExp(`fc;dur=[\\d.]+;desc="${reason}", render;dur=`), `server-timing names ${reason}`);
  const page = parsePage(html);
  t.equal(page.canonical, `${SITE_ORIGIN}/products/1004`, 'the real product page');
  t.ok(page.jsonLd.some((data) => data['@type'] === 'Product'), 'with its Product JSON-LD');
  t.same([...response.headers.keys()].filter((name) => FC_HEADER.test(name)), [], 'no FC header reaches the client');
  t.match(response.headers.get('content-type'), /^text\/html/);

  const missing = await fetch(`${gateway.url}/products/424242`, { redirect: 'manual' });
  await missing.text();
  t.equal(missing.status, 404, 'an unknown product is still a 404 page, from the local render');
  t.equal(missing.headers.get('x-render-by'), 'local');

  const old = await fetch(`${gateway.url}/item/1004`, { redirect: 'manual' });
  await old.text();
  t.equal(old.status, 301, 'a redirect is still a redirect');
  t.equal(old.headers.get('location'), '/products/1004');

  const metrics = await (await fetch(`${gateway.adminUrl}/metrics`)).text();
  t.match(metrics, new RegExp(`ssr_fallbacks_total\\{reason="${reason}"\\} 3`), 'counted as fallbacks by reason');
  t.ok(gateway.fc!.stats().calls.http >= 3, 'FC was really called');
}
