/** Paths shared by the deploy tests. */
import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root (ends without a slash). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '');

/** Absolute path of a file or folder given relative to the repository root. */
export function repoPath(relative: string): string {
  return `${REPO_ROOT}/${relative}`;
}
