import { describe, expect, it } from 'vitest';
import { fileOfExercise, linkedExercise } from '../src/client/playground/deep-link.ts';
import { shortcutOf } from '../src/client/playground/focus.ts';
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
