/** How commands are read out of Markdown: which blocks, which lines, and the not-run marker. */
import { describe, expect, it } from 'vitest';
import { commandsOfBlock, commandsOfMarkdown, stripComment } from '../src/commands.ts';

const fence = '```';

describe('reading commands out of the docs', () => {
  it('takes every line of sh, bash and console blocks, and nothing from other blocks', () => {
    const markdown = [
      '# Title',
      `${fence}sh`,
      'npm start -- --beats 3   # three beats',
      '',
      '# a comment line',
      'npm test',
      fence,
      `${fence}text`,
      'npm start  (output, not a command)',
      fence,
      `${fence}ts`,
      'await main();',
      fence,
      `${fence}console`,
      '$ npx steady-grade',
      'score 4/4',
      fence,
    ].join('\n');
    expect(commandsOfMarkdown('README.md', markdown)).toEqual([
      { file: 'README.md', line: 3, command: 'npm start -- --beats 3' },
      { file: 'README.md', line: 6, command: 'npm test' },
      { file: 'README.md', line: 15, command: 'npx steady-grade' },
    ]);
  });

  it('marks the commands of a block right after "<!-- not run in CI: reason -->", also inside a list', () => {
    const markdown = [
      '<!-- not run in CI: needs two machines -->',
      `${fence}sh`,
      'npm run publish -- --ip 10.0.0.2',
      fence,
      '',
      '1. Then:',
      '',
      '   <!-- not run in CI: asks for a password -->',
      `   ${fence}bash`,
      '   sudo make install',
      `   ${fence}`,
      '',
      '<!-- a plain comment -->',
      `${fence}sh`,
      'npm start',
      fence,
      '<!-- not run in CI: stale, a paragraph follows -->',
      '',
      'Some text.',
      '',
      `${fence}sh`,
      'npm test',
      fence,
    ].join('\n');
    expect(commandsOfMarkdown('docs/x.md', markdown).map((c) => [c.command, c.notRunReason])).toEqual([
      ['npm run publish -- --ip 10.0.0.2', 'needs two machines'],
      ['sudo make install', 'asks for a password'],
      ['npm start', undefined],
      ['npm test', undefined],
    ]);
  });

  it('joins continued lines, splits && chains, keeps # inside quotes', () => {
    expect(commandsOfBlock('sh', 'npm run a \\\n  --flag x && npm test').map((c) => c.command)).toEqual([
      'npm run a --flag x',
      'npm test',
    ]);
    expect(stripComment(`echo 'a # b' "c#d"   # note`)).toBe(`echo 'a # b' "c#d"`);
    expect(stripComment('# only a comment')).toBe('');
  });
});
