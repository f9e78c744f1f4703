/**
 * Routes changed while running: the sites file is read again when it changes, on SIGHUP (main.ts) and on
 * `POST /sites/reload` (admin listener). A valid file replaces every route at once (site-registry.ts); an
 * invalid one is refused, the old routes stay, and the refusal is logged and counted
 * (`ssr_sites_reloads_total{result="refused"}`).
 *
 * The directory is watched, not the file: a ConfigMap volume updates by writing a new timestamped directory
 * and swapping the `..data` symlink, so the file's own inode never changes and a watch on it would see
 * nothing (https://kubernetes.io/docs/concepts/configuration/configmap/#mounted-configmaps-are-updated-automatically).
 * Editors that save by rename are covered the same way. Reloads run one at a time; a burst of events is
 * read once, and content that did not change since the last read is not reported again.
 */
import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { SitesReloadResult } from '../gateway-metrics.js';
import { parseSites, type SiteDefaults } from './sites-file.js';
import type { SiteRegistry } from './site-registry.js';

export interface ReloadOutcome {
  readonly result: SitesReloadResult;
  /** Site names now routed. */
  readonly sites: readonly string[];
  /** Why the file was refused (starts with SSR_ERR_CONFIG, names the site and field). */
  readonly error?: string;
}

export interface SitesReloader {
  /** Read the file now and apply it (or refuse it). `why` labels the log line. */
  reload(why: 'watch' | 'signal' | 'admin'): Promise<ReloadOutcome>;
  close(): void;
}

export interface SitesReloaderOptions {
  file: string;
  defaults: SiteDefaults;
  registry: SiteRegistry;
  log: FastifyBaseLogger;
  onResult: (result: SitesReloadResult) => void;
  /** Watch the file's directory (default true). */
  watch?: boolean;
  /** Events within this many ms are one change (default 100). */
  debounceMs?: number;
}

export function createSitesReloader(options: SitesReloaderOptions): SitesReloader {
  const { file, registry, log } = options;
  let queue: Promise<unknown> = Promise.resolve();
  /** The text last read through the watcher, so unrelated events in the directory stay silent. */
  let lastText: string | undefined;

  async function apply(why: 'watch' | 'signal' | 'admin'): Promise<ReloadOutcome> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      return refuse(why, `SSR_ERR_CONFIG: SITES_FILE ${file} cannot be read: ${(error as Error).message}`);
    }
    if (why === 'watch' && text === lastText) return { result: 'unchanged', sites: names() };
    lastText = text;
    let result: 'applied' | 'unchanged';
    try {
      result = registry.replace(parseSites(text, file, options.defaults));
    } catch (error) {
      const { code, message } = error as { code?: string; message?: string };
      return refuse(why, `${code ?? 'Error'}: ${message ?? String(error)}`);
    }
    options.onResult(result);
    if (result === 'applied') log.info({ sitesFile: file, why, sites: names() }, `sites reloaded from ${file}`);
    else log.debug({ sitesFile: file, why }, 'sites file unchanged');
    return { result, sites: names() };
  }

  function names(): string[] {
    return registry.sites().map((site) => site.config.name);
  }

  function refuse(why: string, error: string): ReloadOutcome {
    options.onResult('refused');
    log.error({ sitesFile: file, why, error }, `sites file refused, the running routes stay: ${error}`);
    return { result: 'refused', sites: names(), error };
  }

  const reload = (why: 'watch' | 'signal' | 'admin'): Promise<ReloadOutcome> => {
    const next = queue.then(() => apply(why));
    queue = next.catch(() => undefined);
    return next;
  };

  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  if (options.watch ?? true) {
    void readFile(file, 'utf8').then((text) => { lastText ??= text; }, () => undefined);
    watcher = watch(dirname(file), { persistent: false }, () => {
      clearTimeout(timer);
      timer = setTimeout(() => void reload('watch'), options.debounceMs ?? 100);
    });
    watcher.on('error', (error) => log.warn({ err: error, sitesFile: file }, 'cannot watch the sites file directory; reload with SIGHUP or POST /sites/reload'));
  }

  return {
    reload,
    close() {
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
