/**
 * `npm run build -w site`: builds the site now, whatever changed, and records what it was built
 * from (as `npm start` does), so that `npm start`, the benches and the tests that follow find it
 * built instead of building it again.
 */
import { buildIfNeeded } from './build.ts';

await buildIfNeeded(true);
