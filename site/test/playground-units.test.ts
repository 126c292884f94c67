import { describe, expect, it } from 'vitest';
import { ref } from 'vue';
import { contrast, readableOn, withReadableTokens } from '../src/client/playground/contrast.ts';
import { fileOfExercise, linkedExercise } from '../src/client/playground/deep-link.ts';
import { shortcutOf } from '../src/client/playground/focus.ts';
import { linksOnRow, sourceLocations } from '../src/client/playground/source-links.ts';
import { TerminalSink } from '../src/client/playground/terminal-sink.ts';
import { tabAfterKey, usePanelTabs } from '../src/client/playground/use-panel-tabs.ts';
import { mergeGrade } from '../src/client/storage.ts';
import { checkExerciseId } from '../src/shared/protocol.ts';

const lesson = {
  exercises: [
    {
      id: '01-stop-after-beats',
      title: 'Stop',
      workingFiles: ['exercises/01-stop-after-beats/heartbeat.ts'],
    },
    { id: '03-validate-rate', title: 'Rate', workingFiles: ['exercises/03-validate-rate/args.ts'] },
  ],
};

describe('deep links to an exercise', () => {
  it('reads the heading anchor or ?exercise=, only for this lesson’s exercises', () => {
    expect(linkedExercise({ hash: '#exercise-03-validate-rate', search: '' }, lesson)).toBe(
      '03-validate-rate',
    );
    expect(linkedExercise({ hash: '', search: '?exercise=01-stop-after-beats' }, lesson)).toBe(
      '01-stop-after-beats',
    );
    expect(linkedExercise({ hash: '#exercise-99-nope', search: '' }, lesson)).toBeUndefined();
    expect(linkedExercise({ hash: '#playground', search: '?exercise=../x' }, lesson)).toBeUndefined();
    expect(fileOfExercise(lesson, '03-validate-rate')).toBe('exercises/03-validate-rate/args.ts');
  });
});

describe('the exercise id the runner accepts with test', () => {
  it('takes NN-slug ids and refuses anything else with a message', () => {
    expect(checkExerciseId('01-stop-after-beats')).toBeUndefined();
    for (const bad of ['', '1-x', '01', '01-../etc', '01-a b', '--exercise', 7, null, `01-${'a'.repeat(61)}`])
      expect(checkExerciseId(bad)).toMatch(/is not an exercise id/);
  });
});

describe('playground shortcuts', () => {
  const key = (
    k: string,
    mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {},
  ) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    ...mods,
  });
  it('Ctrl/Cmd+Enter runs, with Shift tests, Escape stops; other keys do nothing', () => {
    expect(shortcutOf(key('Enter', { ctrlKey: true }))).toBe('run');
    expect(shortcutOf(key('Enter', { metaKey: true }))).toBe('run');
    expect(shortcutOf(key('Enter', { ctrlKey: true, shiftKey: true }))).toBe('test');
    expect(shortcutOf(key('Escape'))).toBe('stop');
    expect(shortcutOf(key('Enter'))).toBeUndefined();
    expect(shortcutOf(key('Enter', { ctrlKey: true, altKey: true }))).toBeUndefined();
    expect(shortcutOf(key('Escape', { shiftKey: true }))).toBeUndefined();
  });
});

describe('a grade of one exercise folded into the last full grade', () => {
  const row = (id: string, passed: boolean) => ({
    id,
    title: id,
    passed,
    firstFailure: passed ? null : `${id}: failed`,
    hintsOpened: 0,
    tests: [],
  });
  const summary = (rows: ReturnType<typeof row>[]) => ({
    lesson: '01-minimum',
    passed: rows.filter((r) => r.passed).length,
    total: rows.length,
    score: Math.round((100 * rows.filter((r) => r.passed).length) / rows.length),
    exercises: rows,
  });
  it('replaces that exercise’s row, keeps the others, and counts again; a full grade replaces all', () => {
    const full = summary([row('01-a', false), row('02-b', false), row('03-c', true), row('04-d', false)]);
    const merged = mergeGrade(full, summary([row('02-b', true)]));
    expect(merged.exercises.map((e) => [e.id, e.passed])).toEqual([
      ['01-a', false],
      ['02-b', true],
      ['03-c', true],
      ['04-d', false],
    ]);
    expect([merged.passed, merged.total, merged.score]).toEqual([2, 4, 50]);
    const again = summary([row('01-a', true), row('02-b', true), row('03-c', true), row('04-d', true)]);
    expect(mergeGrade(merged, again)).toBe(again);
    expect(mergeGrade(undefined, summary([row('02-b', true)])).total).toBe(1);
  });
});

describe('readable syntax colours', () => {
  it('darkens a token colour below 4.5:1 on white just enough, lightens on a dark background, keeps good ones', () => {
    expect(contrast('#e36209', '#ffffff')).toBeLessThan(4.5);
    const fixed = readableOn('#e36209', '#ffffff');
    expect(contrast(fixed, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrast(fixed, '#ffffff')).toBeLessThan(6);
    expect(contrast(readableOn('#444d56', '#24292e'), '#24292e')).toBeGreaterThanOrEqual(4.5);
    expect(readableOn('#24292e', '#ffffff')).toBe('#24292e');
    const theme = withReadableTokens({
      colors: { 'editor.background': '#fff' },
      tokenColors: [{ settings: { foreground: '#e36209' } }, { settings: {} }],
    });
    expect(theme.tokenColors?.[1]).toEqual({ settings: {} });
    const orange = theme.tokenColors?.[0]?.settings?.foreground ?? '';
    // Also on a key-idea line: rgba(100, 108, 255, 0.12) over white is #ecedff.
    expect(contrast(orange, '#ecedff')).toBeGreaterThanOrEqual(4.5);
    expect(contrast(readableOn('#6a737d', '#ffffff', 5.3), '#ecedff')).toBeGreaterThanOrEqual(4.5);
  });
});

describe('the terminal sink', () => {
  /** A terminal panel that records what it was given. */
  function panel() {
    let shown = '';
    return {
      write: (data: string) => {
        shown += data;
      },
      clear: () => {
        shown = '';
      },
      text: () => shown,
    };
  }

  it('keeps the output of a Run pressed before the terminal exists, and writes it on attach', () => {
    const sink = new TerminalSink();
    sink.write('Heartbeat 1\n');
    expect(sink.text()).toBe('Heartbeat 1\n');
    const terminal = panel();
    sink.attach(terminal);
    sink.write('Heartbeat 2\n');
    expect(terminal.text()).toBe('Heartbeat 1\nHeartbeat 2\n');
    expect(sink.text()).toBe('Heartbeat 1\nHeartbeat 2\n');
  });

  it('starts each Run empty, also before the terminal exists', () => {
    const sink = new TerminalSink();
    sink.write('first run\n');
    sink.clear();
    sink.write('second run\n');
    const terminal = panel();
    sink.attach(terminal);
    expect(terminal.text()).toBe('second run\n');
    sink.clear();
    expect(terminal.text()).toBe('');
  });
});

describe('places in the lesson files that the terminal names', () => {
  const files = new Set([
    'src/args.ts',
    'src/actor/heartbeat.ts',
    'exercises/01-stop-after-beats/heartbeat.ts',
  ]);
  const named = (text: string) =>
    sourceLocations(text, '01-minimum', files).map(({ path, line, column, start, end }) => ({
      path,
      line,
      column,
      text: text.slice(start, end),
    }));

  it('reads a compiler message, a failure report and a native stack frame', () => {
    expect(named('src/args.ts:17:41: Unexpected token')).toEqual([
      { path: 'src/args.ts', line: 17, column: 41, text: 'src/args.ts:17:41' },
    ]);
    expect(named('Error: boom (at HeartbeatActor.run (src/actor/heartbeat.ts:25:13))')).toEqual([
      { path: 'src/actor/heartbeat.ts', line: 25, column: 13, text: 'src/actor/heartbeat.ts:25:13' },
    ]);
    const native = 'at run (file:///home/me/course/.work/01-minimum/src/actor/heartbeat.ts:25:13)';
    expect(named(native)).toEqual([
      {
        path: 'src/actor/heartbeat.ts',
        line: 25,
        column: 13,
        text: 'file:///home/me/course/.work/01-minimum/src/actor/heartbeat.ts:25:13',
      },
    ]);
    expect(named("'./exercises/01-stop-after-beats/heartbeat.ts:3' and src/args.ts:9")).toEqual([
      {
        path: 'exercises/01-stop-after-beats/heartbeat.ts',
        line: 3,
        column: 1,
        text: './exercises/01-stop-after-beats/heartbeat.ts:3',
      },
      { path: 'src/args.ts', line: 9, column: 1, text: 'src/args.ts:9' },
    ]);
  });

  it('links nothing outside the file list: the runtime, another lesson, part of a longer name', () => {
    expect(named('at tick (file:///x/runtime/src/actor/heartbeat.ts:4:2)')).toEqual([]);
    expect(named('at tick (file:///x/.work/02-standard/src/args.ts:4:2)')).toEqual([]);
    expect(named('mysrc/args.ts:4:2 src/main.ts:1:1 src/args.ts: no line')).toEqual([]);
  });

  it('finds a place wrapped over two rows, on either row, in buffer cells', () => {
    const line = `${'x'.repeat(14)} (src/args.ts:17:4)`; // 33 characters on rows of 20
    const rows = [
      { text: 'before', wrapped: false },
      { text: line.slice(0, 20), wrapped: false },
      { text: line.slice(20), wrapped: true },
      { text: 'after', wrapped: false },
    ];
    const row = (index: number) => rows[index];
    const expected = { start: { x: 17, y: 2 }, end: { x: 12, y: 3 } };
    expect(linksOnRow(row, 20, 2, '01-minimum', files).map((l) => l.range)).toEqual([expected]);
    expect(linksOnRow(row, 20, 3, '01-minimum', files).map((l) => l.range)).toEqual([expected]);
    expect(linksOnRow(row, 20, 1, '01-minimum', files)).toEqual([]);
    expect(linksOnRow(row, 20, 4, '01-minimum', files)).toEqual([]);
  });
});

describe('the terminal and telemetry tabs beside the text', () => {
  it('move with the arrow keys (wrapping), Home and End; other keys do nothing', () => {
    expect(tabAfterKey('terminal', 'ArrowRight')).toBe('telemetry');
    expect(tabAfterKey('telemetry', 'ArrowRight')).toBe('terminal');
    expect(tabAfterKey('terminal', 'ArrowLeft')).toBe('telemetry');
    expect(tabAfterKey('telemetry', 'Home')).toBe('terminal');
    expect(tabAfterKey('terminal', 'End')).toBe('telemetry');
    expect(tabAfterKey('terminal', 'Enter')).toBeUndefined();
    expect(tabAfterKey('terminal', 'ArrowDown')).toBeUndefined();
  });

  it('show one panel at a time when tabbed, both when not', () => {
    const tabbed = ref(true);
    const tabs = usePanelTabs({ tabbed, telemetryLive: ref(false) });
    expect([tabs.shows('terminal'), tabs.shows('telemetry')]).toEqual([true, false]);
    tabs.select('telemetry');
    expect([tabs.shows('terminal'), tabs.shows('telemetry')]).toEqual([false, true]);
    tabbed.value = false;
    expect([tabs.shows('terminal'), tabs.shows('telemetry')]).toEqual([true, true]);
  });

  it('mark output the hidden terminal got until its tab is chosen, and a live graph while its tab is hidden', () => {
    const tabbed = ref(true);
    const telemetryLive = ref(false);
    const tabs = usePanelTabs({ tabbed, telemetryLive });
    tabs.output(); // seen: the terminal is the tab shown
    telemetryLive.value = true;
    expect(tabs.missed.value).toEqual({ terminal: undefined, telemetry: 'live' });
    tabs.select('telemetry');
    expect(tabs.missed.value).toEqual({ terminal: undefined, telemetry: undefined });
    tabs.output();
    expect(tabs.missed.value.terminal).toBe('new output');
    tabs.select('terminal');
    expect(tabs.missed.value.terminal).toBeUndefined();
    // Under the text both show: nothing is ever missed.
    tabbed.value = false;
    tabs.output();
    expect(tabs.missed.value).toEqual({ terminal: undefined, telemetry: undefined });
  });

  it('moves the selection and the focus on a key, and leaves other keys to the page', () => {
    const tabs = usePanelTabs({ tabbed: ref(true), telemetryLive: ref(false) });
    const focused: string[] = [];
    let prevented = 0;
    const key = (k: string) => ({ key: k, preventDefault: () => prevented++ }) as unknown as KeyboardEvent;
    tabs.onKeydown(key('ArrowRight'), (tab) => focused.push(tab));
    tabs.onKeydown(key('Tab'), (tab) => focused.push(tab));
    expect([tabs.current.value, focused, prevented]).toEqual(['telemetry', ['telemetry'], 1]);
  });
});
