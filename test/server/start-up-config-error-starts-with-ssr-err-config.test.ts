// The README promises SSR_ERR_CONFIG on a bad variable: the line `npm start` prints starts with the code,
// then the variable and what is wrong (issue #12: the code never appeared in the message).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import t from 'tap';

const main = fileURLToPath(new URL('../../server/main.ts', import.meta.url));

async function start(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  const child = spawn(process.execPath, ['--import=tsx', main], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
  const [code] = await once(child, 'exit') as [number];
  return { code, stderr };
}

t.test('a bad FC_TIMEOUT_MS', async (t) => {
  const { code, stderr } = await start({ FC_TIMEOUT_MS: '10', EMULATOR: 'off', PORT: '0' });
  t.equal(code, 78, 'EX_CONFIG');
  t.match(stderr, /^SSR_ERR_CONFIG: FC_TIMEOUT_MS must be between 50 and 600000, got 10$/m);
});

t.test('a boolean outside the documented set', async (t) => {
  const { code, stderr } = await start({ FC_FORWARD_COOKIES: 'yes', EMULATOR: 'off', PORT: '0' });
  t.equal(code, 78);
  t.match(stderr, /^SSR_ERR_CONFIG: FC_FORWARD_COOKIES must be one of true, false, 1, 0, on, off; got "yes"$/m);
});
