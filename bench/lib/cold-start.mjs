/**
 * Cold start: the function bundle's size (raw + gzip) and, in fresh processes, import + first render
 * (median of N). Shared by scenario 6 and `bench:render`.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { round, spread } from './stats.mjs';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PROBE = fileURLToPath(new URL('../probes/cold-start.mjs', import.meta.url));
export const BUNDLE = `${ROOT}dist/function/index.mjs`;

/** Raw and gzip size of dist/function/index.mjs (and the zip, when present); null when not built. */
export function bundleSize() {
  if (!existsSync(BUNDLE)) return null;
  const raw = readFileSync(BUNDLE);
  const zip = `${ROOT}dist/function.zip`;
  return {
    file: 'dist/function/index.mjs',
    rawBytes: raw.length,
    gzipBytes: gzipSync(raw, { level: 9 }).length,
    zipBytes: existsSync(zip) ? statSync(zip).size : null,
  };
}

/** N fresh processes; each reports import and first-render time. */
export async function coldStarts(mode, { runs, page }) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const { stdout } = await run(process.execPath, [PROBE, mode, page], { cwd: ROOT, timeout: 30_000, env: { ...process.env, NODE_ENV: 'production' } });
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    const line = stdout.split('\n').find((l) => l.includes('"cold-start"'));
    if (!line) throw new Error(`cold-start probe printed no result: ${stdout}`);
    const parsed = JSON.parse(line);
    if (parsed.status !== 200) throw new Error(`cold-start probe (${mode}) rendered ${page} with status ${parsed.status}`);
    samples.push({ ...parsed, processWallMs: wallMs });
  }
  const field = (name) => spread(samples.map((sample) => sample[name]));
  return {
    mode,
    runs,
    importMs: field('importMs'),
    firstRenderMs: field('firstRenderMs'),
    importAndFirstRenderMs: field('importAndFirstRenderMs'),
    processWallMs: field('processWallMs'),
    samples: samples.map((s) => ({ importMs: round(s.importMs), firstRenderMs: round(s.firstRenderMs), processWallMs: round(s.processWallMs) })),
  };
}
