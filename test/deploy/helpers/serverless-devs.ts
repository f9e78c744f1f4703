/**
 * Serverless Devs files rendered offline (`s preview`, HOME in a temp dir so no credentials or config of
 * the machine are read) and the project's fc3 props schema.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { repoPath } from './repo.js';

/** Every `${env('NAME'…)}` in an s.yaml, and those without a default (which must be set). */
export function envPlaceholders(source: string): { all: string[]; required: string[] } {
  const all = [...new Set([...source.matchAll(/\$\{env\(\s*'([A-Za-z0-9_]+)'(?:\s*,\s*[^)]*)?\)\}/g)].map((m) => m[1]!))].sort();
  const required = [...new Set([...source.matchAll(/\$\{env\(\s*'([A-Za-z0-9_]+)'\s*\)\}/g)].map((m) => m[1]!))];
  return { all, required };
}

/** A plausible value for each required placeholder (SSR_SITE_ORIGIN must be an origin). */
export function sampleEnv(required: readonly string[]): Record<string, string> {
  return Object.fromEntries(required.map((name) => [name, name === 'SSR_SITE_ORIGIN' ? 'https://shop.example.com' : `${name.toLowerCase().replace(/_/g, '-')}-1`]));
}

/** `s preview -t <file>` as an object, with only `env` (and PATH) in the environment. */
export function previewS(file: string, env: Record<string, string>): { resources: Record<string, { component: string; props: any }> } {
  const home = mkdtempSync(join(tmpdir(), 'ssr-s-home-'));
  try {
    const output = execFileSync(repoPath('node_modules/.bin/s'), ['preview', '-t', file, '-o', 'json', '--silent'], {
      cwd: dirname(file), encoding: 'utf8', timeout: 60_000,
      env: { PATH: process.env.PATH ?? '', HOME: home, ...env },
    });
    return JSON.parse(output.slice(output.indexOf('{'), output.lastIndexOf('}') + 1));
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** test/deploy/fc3-props.schema.json, compiled. */
export function fc3PropsValidator(): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
  return ajv.compile(JSON.parse(readFileSync(repoPath('test/deploy/fc3-props.schema.json'), 'utf8')));
}
