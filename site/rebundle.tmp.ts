import { buildServiceWorker, buildTestKit } from './src/node/browser-bundles.ts';
import { DIST_DIR } from './src/node/serve.ts';
await buildTestKit(DIST_DIR);
console.log(await buildServiceWorker(DIST_DIR).then((p) => p.version));
