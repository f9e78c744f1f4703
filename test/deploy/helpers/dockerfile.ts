/**
 * Reads the repository's Dockerfile with dockerfile-ast into stages, so tests can follow what the
 * runtime stage copies, runs and starts — and fail when the Dockerfile changes in a way that breaks it.
 */
import { readFileSync } from 'node:fs';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { repoPath } from './repo.js';

export interface Step {
  keyword: string;
  args: string[];
  flags: Record<string, string>;
  /** Instruction text with line continuations joined. */
  text: string;
}

export interface Stage { name: string; base: string; steps: Step[] }

export interface CopyStep { from: string | undefined; sources: string[]; destination: string }

export function dockerfileText(): string {
  return readFileSync(repoPath('Dockerfile'), 'utf8');
}

function textOf(source: string, instruction: Instruction): string {
  const lines = source.split('\n');
  const { start, end } = instruction.getRange();
  const slice = lines.slice(start.line, end.line + 1);
  slice[slice.length - 1] = slice[slice.length - 1]!.slice(0, end.character);
  slice[0] = slice[0]!.slice(start.character);
  return slice.join('\n').replace(/\\\n\s*/g, '');
}

export function parseStages(source = dockerfileText()): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of DockerfileParser.parse(source).getInstructions()) {
    const keyword = instruction.getKeyword();
    const args = instruction.getArguments().map((arg) => arg.getValue());
    const flags: Record<string, string> = {};
    const withFlags = instruction as unknown as { getFlags?: () => { getName(): string; getValue(): string | null }[] };
    for (const flag of withFlags.getFlags?.() ?? []) flags[flag.getName()] = flag.getValue() ?? '';
    if (keyword === 'FROM') {
      const asIndex = args.findIndex((arg) => arg.toUpperCase() === 'AS');
      stages.push({ base: args[0]!, name: asIndex >= 0 ? args[asIndex + 1]! : String(stages.length), steps: [] });
      continue;
    }
    stages.at(-1)?.steps.push({ keyword, args, flags, text: textOf(source, instruction) });
  }
  return stages;
}

/** The exec-form JSON array of a CMD/ENTRYPOINT/HEALTHCHECK CMD step, or undefined for shell form. */
export function execForm(step: Step): string[] | undefined {
  const match = /(?:^|\s)(?:CMD|ENTRYPOINT)\s+(\[[\s\S]*\])\s*$/i.exec(step.text);
  if (!match) return undefined;
  try {
    const parsed = JSON.parse(match[1]!) as unknown;
    return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function copySteps(stage: Stage): CopyStep[] {
  return stage.steps.filter((step) => step.keyword === 'COPY' || step.keyword === 'ADD').map((step) => ({
    from: step.flags.from,
    sources: step.args.slice(0, -1),
    destination: step.args.at(-1)!,
  }));
}

/** The stage's working directory after all its (and its parent stages') WORKDIR steps. */
export function workdirOf(stages: Stage[], stage: Stage): string {
  const parent = stages.find((candidate) => candidate.name === stage.base);
  let dir = parent ? workdirOf(stages, parent) : '/';
  for (const step of stage.steps) {
    if (step.keyword === 'WORKDIR') dir = step.args[0]!.startsWith('/') ? step.args[0]! : `${dir.replace(/\/$/, '')}/${step.args[0]}`;
  }
  return dir;
}

/** Patterns from .dockerignore (comments and blanks dropped). */
export function dockerignorePatterns(): string[] {
  return readFileSync(repoPath('.dockerignore'), 'utf8').split('\n').map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
}

/** Whether a context path is excluded by a .dockerignore pattern (exact names, folders, `**` prefixes, `*` globs). */
export function isIgnored(path: string, patterns = dockerignorePatterns()): boolean {
  const clean = path.replace(/^\.\//, '').replace(/\/$/, '');
  return patterns.some((pattern) => {
    const body = pattern.replace(/^\*\*\//, '');
    const regex = new RegExp(`^(?:.*/)?${body.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}(?:/.*)?$`);
    return pattern.startsWith('**/') ? regex.test(clean) : new RegExp(regex.source.replace('^(?:.*/)?', '^')).test(clean);
  });
}
