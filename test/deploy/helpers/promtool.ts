/** Locates promtool ($PROMTOOL, PATH, or where scripts/get-promtool.sh puts it). */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';

export function findPromtool(): string | undefined {
  const toolsDir = process.env.SSR_TOOLS_DIR ?? `${process.env.XDG_CACHE_HOME ?? `${homedir()}/.cache`}/ssr-offload-tools`;
  const candidates = [process.env.PROMTOOL, 'promtool', `${toolsDir}/prometheus/usr/bin/promtool`].filter(Boolean) as string[];
  for (const candidate of candidates) {
    if (candidate.includes('/') && !existsSync(candidate)) continue;
    try {
      execFileSync(candidate, ['--version'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // next
    }
  }
  return undefined;
}

export const PROMTOOL_MISSING = 'promtool not found: run scripts/get-promtool.sh (Debian prometheus .deb, extracted, no service) or set PROMTOOL';
