/**
 * Architecture rules, checked by `npm run lint:arch` (part of `npm test`).
 *
 * Each rule names a boundary a maintainer relies on; a violation prints the rule's name and
 * the import that broke it. See the "Architecture rules" section of the root README.
 */

/**
 * The only files of `runtime/src` that other packages may import: the package's `exports`, read
 * from runtime/package.json so that the rule and the package cannot drift apart.
 */
const RUNTIME_ENTRY_POINTS = Object.values(require('./runtime/package.json').exports).map(
  (target) => `runtime/${target.replace(/^\.\//, '').replace(/\./g, '\\.')}`,
);

/**
 * Files of `runtime/src` that may import `node:*` modules. Everything else must run in a
 * browser too, so Node-specific code lives behind the platform layer.
 */
const NODE_ALLOWED = [
  // The platform layer and the parts that are Node programs or Node-only by nature.
  'runtime/src/platform/',
  'runtime/src/aeron/udp\\.ts',
  'runtime/src/aeron/cli\\.ts',
  'runtime/src/telemetry/server\\.ts',
  'runtime/src/testing/',
  'runtime/src/bench/', // benchmark tooling: Node programs, never loaded by a browser
  'runtime/src/cli/',
  // Node types only (the socket shells' dgram types), and the stage's deep equality, which the
  // browser build maps to `dequal`; named one by one so the list can only shrink.
  'runtime/src/aeron/publication\\.ts',
  'runtime/src/aeron/subscription\\.ts',
  'runtime/src/simulation/stage\\.ts',
];

const anyOf = (paths) => `^(${paths.join('|')})`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment:
        'Modules must not import each other in a cycle: a cycle makes load order and ownership unclear.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-circular-between-folders',
      comment:
        'No folder of the runtime imports a folder that imports it back: each concept depends on ' +
        'simpler ones only (e.g. telemetry reads a TelemetrySource, never the graph).',
      severity: 'error',
      scope: 'folder',
      from: { path: '^runtime/src/' },
      to: { circular: true },
    },
    {
      name: 'runtime-src-not-testing',
      comment:
        'Production code never imports the test helpers (runtime/src/testing); what both need ' +
        'lives in its own module (e.g. runtime/src/simulation).',
      severity: 'error',
      from: { path: '^runtime/src/', pathNot: '^runtime/src/testing/' },
      to: { path: '^runtime/src/testing/' },
    },
    {
      name: 'runtime-through-package-exports',
      comment:
        'Lessons, the site and the tools import the runtime as a package (@steady/runtime, ' +
        '@steady/runtime/testing, ...), never by a relative path into runtime/src.',
      severity: 'error',
      from: { path: '^(lessons|site|tools)/' },
      to: { path: '^runtime/', dependencyTypes: ['local'] },
    },
    {
      name: 'runtime-entry-points-only',
      comment:
        'Outside the runtime, only the files named in its package.json "exports" may be imported; ' +
        'everything else is internal.',
      severity: 'error',
      from: { path: '^(lessons|site|tools)/' },
      to: { path: '^runtime/src/', pathNot: `${anyOf(RUNTIME_ENTRY_POINTS)}$` },
    },
    {
      name: 'node-builtins-in-platform-layer',
      comment:
        'Only the platform layer and the files listed in NODE_ALLOWED (.dependency-cruiser.cjs) ' +
        'import node:* modules; the rest of the runtime must also run in a browser.',
      severity: 'error',
      from: { path: '^runtime/src/', pathNot: anyOf(NODE_ALLOWED) },
      to: { dependencyTypes: ['core'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|reports|\\.vitepress/cache|\\.work)/' },
    // Type-only imports count: a cycle through types is still a cycle for the reader.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'node', 'default'],
    },
  },
};
