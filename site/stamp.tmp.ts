import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sourceFingerprint } from './src/node/build.ts';
import { DIST_DIR } from './src/node/serve.ts';
writeFileSync(join(DIST_DIR, '.steady-build'), sourceFingerprint());
