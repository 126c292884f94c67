/**
 * How each command the docs show is proven to work. Keyed by `<document>: <command>` (the
 * command without its `# comment`, spaces collapsed), as `readme-commands.test.ts` reports it.
 *
 * - `run`: this suite runs it for real, in the document's folder (or `cwd`), with short
 *   arguments; `{udpPort}` and `{tmp}` in arguments become a free UDP port and a fresh folder.
 *   A server (`until`) runs until it prints that line, then is stopped.
 * - `covered`: a named existing file runs the same program; the file must contain `contains`
 *   (the test's name, or the line that runs it), so a renamed or deleted test fails here.
 *
 * Commands that cannot run here say so in the document itself, with a
 * `<!-- not run in CI: reason -->` comment right before their code block.
 */

export interface ShortRun {
  /** Shown in the test name. */
  readonly name: string;
  /** Folder, relative to the repository root. */
  readonly cwd: string;
  readonly argv: readonly string[];
  readonly env?: Record<string, string>;
  /** The output (stdout and stderr) must match. */
  readonly prints: RegExp;
  /** A server: wait for this line in its output, then stop it (its exit code is not checked). */
  readonly until?: RegExp;
}

export type Coverage =
  | { readonly run: ShortRun }
  | { readonly covered: { readonly file: string; readonly contains: string } }
  /**
   * PENDING: a program that has no short mode yet; `file` must not mention `--smoke` (a test
   * fails as soon as it does, so the entry is turned into a run). Each is listed in the report
   * of the suite, never skipped silently.
   */
  | { readonly pending: { readonly file: string; readonly reason: string } };

/** Lessons print their telemetry address; 0 keeps parallel runs from colliding on the default port. */
const QUIET_TELEMETRY = { TELEMETRY_SERVER_PORT: '0' };

const lesson01 = {
  run: {
    name: 'lesson 01: two beats',
    cwd: 'lessons/01-minimum',
    argv: ['npm', 'start', '--', '--rate', '50', '--beats', '2'],
    env: QUIET_TELEMETRY,
    prints: /Heartbeat/,
  },
} as const;
/**
 * The worker maps values only on a heartbeat, so how many `Msg` lines a short run prints depends
 * on how soon the threads start: the run must start, serve telemetry and stop cleanly (exit 0);
 * the messages themselves are the lesson's graph tests' business.
 */
const lesson02 = {
  run: {
    name: 'lesson 02: ten beats',
    cwd: 'lessons/02-standard',
    argv: ['npm', 'start', '--', '--rate', '100', '--beats', '10'],
    env: QUIET_TELEMETRY,
    prints: /telemetry: http:\/\/127\.0\.0\.1:\d+/,
  },
} as const;
const lesson03 = {
  run: {
    name: 'lesson 03: twenty beats with the planned failures',
    cwd: 'lessons/03-robust',
    argv: ['npm', 'start', '--', '--rate', '20', '--beats', '20'],
    env: QUIET_TELEMETRY,
    prints: /Nothing lost, nothing counted twice/,
  },
} as const;
const lesson04 = {
  run: {
    name: 'lesson 04: twenty beats',
    cwd: 'lessons/04-performant',
    argv: ['npm', 'start', '--', '--beats', '20'],
    env: QUIET_TELEMETRY,
    prints: /total: [\d,]+ messages through the worker/,
  },
} as const;
const lesson05 = {
  run: {
    name: 'lesson 05: runner, two beats of 1,000 values',
    cwd: 'lessons/05-distributed',
    argv: [
      'npm',
      'start',
      '--',
      '--beats',
      '2',
      '--values',
      '1000',
      '--port',
      '{udpPort}',
      '--telemetry',
      '0',
    ],
    prints: /both pods finished cleanly/,
  },
} as const;
const grade = {
  covered: {
    file: 'tools/grader/test/proof.test.ts',
    contains: 'starter fails, solution passes 3 times alike',
  },
} as const;
const gradeWrongAnswers = {
  covered: {
    file: 'tools/grader/test/proof.test.ts',
    contains: 'every wrong answer fails as its mistake says',
  },
} as const;
const hint = {
  covered: { file: 'tools/grader/test/cli.test.ts', contains: '--hint shows the next hint and remembers it' },
} as const;
/** One exercise (short), on its solution (so it passes), with both reports and a learner's name. */
const gradeOneSolutionWithReports = {
  run: {
    name: 'steady-grade: one exercise of lesson 01, its solution, JSON and JUnit reports',
    cwd: 'lessons/01-minimum',
    argv: [
      ...['npx', 'steady-grade', '--exercise', '02', '--variant', 'solution'],
      ...['--json', '{tmp}/report.json', '--junit', '{tmp}/report.xml', '--learner', 'alice'],
    ],
    prints: /score/i,
  },
} as const;
/** Watch mode grades once at start, then waits for saves: stopped after the first grading. */
const gradeWatch = {
  run: {
    name: 'steady-grade --watch: the first grading of one exercise',
    cwd: 'lessons/01-minimum',
    argv: ['npx', 'steady-grade', '--watch', '--exercise', '02', '--variant', 'solution'],
    prints: /score/i,
    until: /score/i,
  },
} as const;
const placements = new Map<string, Coverage>();
/** Lesson 04 with one placement, 20 beats (one run per placement, whichever document shows it). */
function placement(name: string): Coverage {
  const known = placements.get(name);
  if (known) return known;
  const coverage: Coverage = {
    run: {
      name: `lesson 04: placement ${name}, twenty beats`,
      cwd: 'lessons/04-performant',
      argv: ['npm', 'start', '--', '--beats', '20', '--placement', name],
      env: QUIET_TELEMETRY,
      prints: new RegExp(`placement ${name}[\\s\\S]*total: [\\d,]+ messages through the worker`),
    },
  };
  placements.set(name, coverage);
  return coverage;
}
const courseServer = {
  covered: { file: 'site/test/e2e-helpers.ts', contains: 'Starts what `npm start` starts' },
} as const;
const aeronCli = (contains: string) => ({ covered: { file: 'runtime/test/aeron/cli.test.ts', contains } });

export const COVERAGE: Record<string, Coverage> = {
  // Root README
  'README.md: npm install': { covered: { file: '.ci/run', contains: 'npm ci' } },
  'README.md: npm start': courseServer,
  'README.md: npm test': { covered: { file: '.ci/run', contains: 'npm test' } },

  // Lessons
  'lessons/01-minimum/README.md: npm start -- --rate 500 --beats 3': lesson01,
  'lessons/01-minimum/README.md: npm start -- --help': {
    run: {
      name: 'lesson 01: --help',
      cwd: 'lessons/01-minimum',
      argv: ['npm', 'start', '--', '--help'],
      prints: /--beats/,
    },
  },
  'lessons/01-minimum/README.md: npm test': grade,
  'lessons/01-minimum/README.md: LOG_LEVEL=warn npm start -- --rate 100 --beats 3': {
    run: {
      name: 'lesson 01: warnings only',
      cwd: 'lessons/01-minimum',
      argv: ['npm', 'start', '--', '--rate', '50', '--beats', '2'],
      env: { ...QUIET_TELEMETRY, LOG_LEVEL: 'warn' },
      prints: /^(?![\s\S]*INFO)/, // nothing at the info level
    },
  },
  'lessons/02-standard/README.md: npm start': lesson02,
  'lessons/02-standard/README.md: npm start -- --rate 200 --beats 3': lesson02,
  'lessons/02-standard/README.md: npm test': grade,
  'lessons/03-robust/README.md: npm start': lesson03,
  'lessons/03-robust/README.md: npm start -- --rate 100 --beats 20': lesson03,
  'lessons/03-robust/README.md: npm start -- --no-failures': {
    run: {
      name: 'lesson 03: without failures',
      cwd: 'lessons/03-robust',
      argv: ['npm', 'start', '--', '--no-failures', '--rate', '20', '--beats', '3'],
      env: QUIET_TELEMETRY,
      prints: /Nothing lost, nothing counted twice/,
    },
  },
  'lessons/03-robust/README.md: npm test': grade,
  'lessons/04-performant/README.md: npm start': lesson04,
  'lessons/04-performant/README.md: npm start -- --beats 2000': lesson04,
  'lessons/04-performant/README.md: npm start -- --worker double-buffer --chunk 1048576 --placement two-threads --spin 0':
    {
      run: {
        name: 'lesson 04: double buffer, big chunks, two threads, no spin',
        cwd: 'lessons/04-performant',
        argv: [
          'npm',
          'start',
          '--',
          ...['--worker', 'double-buffer', '--chunk', '1048576', '--placement', 'two-threads', '--spin', '0'],
          ...['--beats', '20'],
        ],
        env: QUIET_TELEMETRY,
        prints: /worker double-buffer, chunk 1048576, placement two-threads, spin 0/,
      },
    },
  'lessons/04-performant/README.md: npm test': grade,
  'lessons/04-performant/README.md: npm start -- --beats 1000 --placement default': placement('default'),
  'lessons/04-performant/README.md: npm start -- --beats 1000 --placement two-threads':
    placement('two-threads'),
  'lessons/04-performant/README.md: npm start -- --beats 1000 --placement all-solo': placement('all-solo'),
  'lessons/04-performant/exercises/03-place-by-load/README.md: npm start -- --beats 1000 --placement default':
    placement('default'),
  'lessons/04-performant/exercises/03-place-by-load/README.md: npm start -- --beats 1000 --placement two-threads':
    placement('two-threads'),
  'lessons/04-performant/README.md: npm run bench': {
    covered: {
      file: 'lessons/04-performant/test/bench.test.ts',
      contains: 'npm run bench -- --smoke prints every variant',
    },
  },
  'lessons/05-distributed/README.md: npm start': lesson05,
  'lessons/05-distributed/README.md: npm start -- --beats 10': lesson05,
  'lessons/05-distributed/README.md: npm start -- --mtu 1408': {
    run: {
      name: 'lesson 05: runner at the network MTU',
      cwd: 'lessons/05-distributed',
      argv: [
        'npm',
        'start',
        '--',
        ...['--mtu', '1408', '--beats', '2', '--values', '1000', '--port', '{udpPort}', '--telemetry', '0'],
      ],
      prints: /both pods finished cleanly/,
    },
  },
  'lessons/05-distributed/README.md: npm run subscribe -- --beats 10': {
    covered: {
      file: 'lessons/05-distributed/test/pods.test.ts',
      contains: 'publish → subscribe over loopback',
    },
  },
  'lessons/05-distributed/README.md: npm run publish -- --beats 10': {
    covered: {
      file: 'lessons/05-distributed/test/pods.test.ts',
      contains: 'publish → subscribe over loopback',
    },
  },
  'lessons/05-distributed/README.md: npm test': grade,

  // Runtime docs: the Aeron command line
  "runtime/docs/aeron.md: npx tsx runtime/src/aeron/cli.ts subscribe 'aeron:udp?endpoint=127.0.0.1:40456' 1001":
    aeronCli('publish → subscribe: N messages printed'),
  "runtime/docs/aeron.md: npx tsx runtime/src/aeron/cli.ts publish 'aeron:udp?endpoint=127.0.0.1:40456' 1001 -n 10":
    aeronCli('publish → subscribe: N messages printed'),
  "runtime/docs/aeron.md: npx tsx runtime/src/aeron/cli.ts subscribe 'aeron:udp?endpoint=0.0.0.0:40456' 1001 --rate -n 1000000":
    aeronCli('subscribe --rate -n prints rate lines and totals'),
  "runtime/docs/aeron.md: npx tsx runtime/src/aeron/cli.ts pong 'aeron:udp?endpoint=127.0.0.1:40123' 'aeron:udp?endpoint=127.0.0.1:40124'":
    aeronCli('ping against pong prints round-trip percentiles'),
  "runtime/docs/aeron.md: npx tsx runtime/src/aeron/cli.ts ping 'aeron:udp?endpoint=127.0.0.1:40123' 'aeron:udp?endpoint=127.0.0.1:40124' -n 10000":
    aeronCli('ping against pong prints round-trip percentiles'),

  // Teaching (instructors' guide), in a lesson folder, and the grader
  'docs/teaching.md: npm test': grade,
  'docs/teaching.md: npm test -- --exercise 02': gradeOneSolutionWithReports,
  'docs/teaching.md: npm test -- --watch': gradeWatch,
  'docs/teaching.md: npm test -- --hint 02': hint,
  'docs/teaching.md: npm run grade -- --class reports/ --csv class-grades.csv': {
    covered: {
      file: 'tools/grader/test/class-report.test.ts',
      contains: 'npm run grade -- --class: table on stdout',
    },
  },
  'tools/grader/README.md: npx steady-grade': grade,
  'tools/grader/README.md: npx steady-grade --exercise 02': gradeOneSolutionWithReports,
  'tools/grader/README.md: npx steady-grade --hint 02': hint,
  'tools/grader/README.md: npx steady-grade --watch': gradeWatch,
  'tools/grader/README.md: npx steady-grade --json report.json --junit report.xml --learner alice':
    gradeOneSolutionWithReports,
  'tools/grader/README.md: npx steady-grade --variant solution': gradeOneSolutionWithReports,
  'tools/grader/README.md: npx steady-grade --variant wrong/<mistake>': gradeWrongAnswers,

  // The runtime's browser build (written to runtime/dist/browser/, which nothing else reads)
  'runtime/docs/platform.md: npm run build:browser -w runtime': {
    run: {
      name: 'runtime: browser build',
      cwd: '.',
      argv: ['npm', 'run', 'build:browser', '-w', 'runtime'],
      prints: /browser build: \d+ modules/,
    },
  },

  // The site. `--no-build`: the site's own tests build it, and two builds at once would race on its output.
  'site/README.md: npm start': courseServer,
  'site/README.md: npm start -- --port 8080': {
    run: {
      name: 'site: npm start on another port',
      cwd: 'site',
      argv: ['npm', 'start', '--', '--port', '0', '--no-build'],
      prints: /native mode on/,
      until: /Ctrl\+C to stop/,
    },
  },
  'site/README.md: npm start -- --max-runs 2': {
    run: {
      name: 'site: npm start with at most two lesson runs',
      cwd: 'site',
      argv: ['npm', 'start', '--', '--max-runs', '2', '--port', '0', '--no-build'],
      prints: /native mode on/,
      until: /Ctrl\+C to stop/,
    },
  },
  'site/README.md: npm start -- --no-native': {
    run: {
      name: 'site: npm start without the runner',
      cwd: 'site',
      argv: ['npm', 'start', '--', '--no-native', '--port', '0', '--no-build'],
      prints: /native mode off/,
      until: /Ctrl\+C to stop/,
    },
  },
  'site/README.md: npm run dev -w site': {
    run: {
      name: 'site: VitePress dev server',
      cwd: '.',
      argv: ['npm', 'run', 'dev', '-w', 'site', '--', '--port', '0'],
      prints: /Local:/,
      until: /Local:/,
    },
  },
  'site/README.md: STEADY_NATIVE=1 npm run dev -w site': {
    run: {
      name: 'site: VitePress dev server with the native runner',
      cwd: '.',
      argv: ['npm', 'run', 'dev', '-w', 'site', '--', '--port', '0'],
      env: { STEADY_NATIVE: '1' },
      prints: /Local:/,
      until: /Local:/,
    },
  },
  'site/README.md: npm run build -w site': {
    covered: { file: 'site/test/e2e-helpers.ts', contains: 'building the site if its sources changed' },
  },
  'site/README.md: npm run preview -w site': {
    run: {
      name: 'site: preview server',
      cwd: '.',
      argv: ['npm', 'run', 'preview', '-w', 'site', '--', '--port', '0'],
      prints: /native mode off/,
      until: /Ctrl\+C to stop/,
    },
  },
  'site/README.md: npm test -w site': { covered: { file: 'vitest.config.ts', contains: "'site'" } },
  'site/README.md: npm run bench -w site': {
    covered: { file: 'site/test/bench.test.ts', contains: 'npm run bench -- --smoke prints the page weight' },
  },
  'site/README.md: npm run typecheck -w site': { covered: { file: 'package.json', contains: 'tsc -p site' } },
};
