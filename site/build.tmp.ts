import { buildIfNeeded } from './src/node/build.ts';
await buildIfNeeded(true);
