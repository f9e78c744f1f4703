/**
 * One active health check of one target, probing it through its own transport (target-probe.ts) on the
 * checker's schedule (health-check.ts). One checker per target per pod, never per request: a site rebuilt on
 * reload keeps the checker of every target whose settings did not change.
 */
import type { FcCredential } from '../offload/fc-sdk-target.js';
import type { TargetHealthCheck } from './build-site.js';
import { createHealthCheck, type HealthCheckClock } from './health-check.js';
import type { HealthCheckConfig, TargetConfig } from './site-config.js';
import { createTargetProbe } from './target-probe.js';

export interface StartHealthCheckOptions {
  onChange: (healthy: boolean, reason: string) => void;
  credential?: FcCredential;
  clock?: HealthCheckClock;
}

export function startTargetHealthCheck(target: TargetConfig, check: HealthCheckConfig, options: StartHealthCheckOptions): TargetHealthCheck {
  const probe = createTargetProbe(target, check, options.credential ? { credential: options.credential } : {});
  const checker = createHealthCheck({
    probe,
    config: check,
    ...(options.clock ? { clock: options.clock } : {}),
    onChange: (healthy, detail) => options.onChange(healthy, detail.reason),
  });
  return {
    healthy: checker.healthy,
    start: checker.start,
    state: checker.state,
    stop() {
      checker.stop();
      void probe.close();
    },
  };
}
