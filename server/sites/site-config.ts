/**
 * What one site is, once validated: the shape `SITES_FILE` entries, `SITES_LOOKUP_URL` answers and the
 * single-site variables (FC_URL, FC_TRANSPORT=sdk, FALLBACK_URL, SITE_ORIGIN) all end up in. Everything that
 * builds a site at run time (server/sites/build-site.ts) reads only this; nothing here is read from the
 * request. Plain data, deep-frozen by whoever produces it, so a reload can compare old and new by value.
 *
 * This module must stay free of Fastify: config.ts imports it and the FC function bundle imports config.ts.
 */
import type { SdkTarget } from '../config.js';

/** Envoy's active health-check names (docs/sources.md#envoy-health-checks). */
export interface HealthCheckConfig {
  /** Path the probe GETs on the target (the function answers it without rendering a page). */
  readonly path: string;
  /** Time between two probes of one target (each probe of a real FC target is a billed invocation). */
  readonly intervalMs: number;
  /** A probe slower than this failed. */
  readonly timeoutMs: number;
  /** Failed probes in a row that make a healthy target unhealthy. */
  readonly unhealthyThreshold: number;
  /** Passed probes in a row that make an unhealthy target healthy again. */
  readonly healthyThreshold: number;
  /** Share (0–1) of the interval each wait is moved by at random, so pods never probe in step. */
  readonly jitter: number;
}

interface TargetBase {
  /** Label on metrics, logs, spans and the status page; unique within its site. */
  readonly name: string;
  /** Deadline for one render on this target. */
  readonly timeoutMs: number;
}

/** An FC HTTP trigger (or any renderer that speaks the render contract over HTTP). */
export interface HttpTargetConfig extends TargetBase {
  readonly transport: 'http';
  /** Absolute http(s) URL without query or credentials, no trailing slash; page paths are appended under it. */
  readonly url: string;
}

/** FC's InvokeFunction API through @alicloud/fc20230330. */
export interface SdkTargetConfig extends TargetBase {
  readonly transport: 'sdk';
  readonly sdk: SdkTarget;
}

export type TargetConfig = HttpTargetConfig | SdkTargetConfig;

/** Where a site's pages go when no target is eligible or every target failed. */
export type FallbackConfig =
  | { readonly kind: 'local' }
  | { readonly kind: 'url'; readonly url: string; readonly timeoutMs: number };

export interface SiteConfig {
  /** Label on metrics, logs and cache keys (never a raw Host); unique across sites; [a-z0-9][a-z0-9-]*. */
  readonly name: string;
  /**
   * Lower-case host names without port: exact names, or `*.example.com` wildcards (matches one or more
   * labels in front of example.com, never example.com itself). May be empty for the default site.
   */
  readonly hosts: readonly string[];
  /** Serves every host no other site claims. At most one site is the default. */
  readonly default: boolean;
  /** Absolute origin (scheme, host, port) used for canonical and Open Graph URLs. */
  readonly origin: string;
  /** FC targets in priority order (empty under OFFLOAD=local-only). */
  readonly targets: readonly TargetConfig[];
  readonly fallback: FallbackConfig;
  /** Active health checks of every target of this site; undefined = none (the breaker alone decides). */
  readonly healthCheck: HealthCheckConfig | undefined;
}

export interface SitesConfig {
  /** Where they came from: the file's path, or `environment` for the single-site variables. */
  readonly source: string;
  readonly sites: readonly SiteConfig[];
}

/** The name of the site built from the single-site variables (no SITES_FILE). */
export const ENVIRONMENT_SITE = 'default';
