import { execFileSync } from 'node:child_process';
import { clientIsBuilt, repoRoot } from './server';

/**
 * The server serves the built client from `client/dist`. CI builds it before this suite; a
 * developer who has not gets it built here once, so the browser tests see the real bundle.
 */
export default function setup() {
  if (clientIsBuilt()) return;
  console.log('client/dist is missing: building the client once');
  execFileSync('npx', ['-y', 'pnpm@10', '--filter', '@atelier/client', 'build'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (!clientIsBuilt()) throw new Error('the client build finished without client/dist/index.html');
}
