import { GraphBuilder, type Schedule } from '@steady/runtime';
import { expect, it } from 'vitest';
import { DEFAULT_ARGS } from '../../src/args.ts';
import { buildPipeline } from '../../src/main.ts';
import type { Schedules } from '../../src/placement.ts';
import { type ActorLoad, placeByLoad } from './placement.ts';

const LESSON: ActorLoad[] = [
  { name: 'heartbeat', busy: false },
  { name: 'generator', busy: true },
  { name: 'worker', busy: true },
  { name: 'logger', busy: true },
];

/** The thread an actor runs on: its own (solo) or its troupe's. */
function threadOf(name: string, schedule: Schedule | undefined): string {
  expect(schedule, `a schedule for ${name}`).toBeDefined();
  expect(schedule?.kind, `${name} must run on a worker thread (SoloAct or memberOf a troupe)`).not.toBe(
    'calling-thread',
  );
  return schedule?.kind === 'troupe' ? `troupe ${schedule.troupe.id}` : `solo ${name}`;
}

/** Checks the rule on `actors`: each busy actor has a thread of its own, each idle one rides on a busy one's. */
function expectPlacedByLoad(actors: ActorLoad[], schedules: Record<string, Schedule>) {
  const threads = new Map(actors.map((actor) => [actor.name, threadOf(actor.name, schedules[actor.name])]));
  const busy = actors.filter((actor) => actor.busy);
  const busyThreads = new Set(busy.map((actor) => threads.get(actor.name)));
  const placed = JSON.stringify(Object.fromEntries(threads));
  expect(
    busyThreads.size,
    `busy actors each need a thread of their own; on a shared thread they take turns (${placed})`,
  ).toBe(busy.length);
  for (const actor of actors.filter((a) => !a.busy && busy.length > 0)) {
    expect(
      busyThreads.has(threads.get(actor.name)),
      `${actor.name} is idle nearly all the time: it rides on a busy actor's thread (${placed})`,
    ).toBe(true);
  }
  if (busy.length === 0) {
    expect(new Set(threads.values()).size, `idle actors only: one thread for all of them (${placed})`).toBe(
      1,
    );
  }
}

it("the lesson's pipeline: a thread for each busy actor, the heartbeat rides along", () => {
  const graph = GraphBuilder.forTesting().build(DEFAULT_ARGS);
  const schedules = placeByLoad(LESSON, graph);
  expectPlacedByLoad(LESSON, schedules);
  const scheduleOf = (name: string) => schedules[name] as Schedule; // each was checked above
  const lessonSchedules: Schedules = {
    heartbeat: scheduleOf('heartbeat'),
    generator: scheduleOf('generator'),
    worker: scheduleOf('worker'),
    logger: scheduleOf('logger'),
  };
  buildPipeline(graph, lessonSchedules);
  expect(graph.actors.length, 'the pipeline builds with these schedules').toBe(4);
});

it('two idle actors and three busy ones, in another order', () => {
  const actors: ActorLoad[] = [
    { name: 'reader', busy: true },
    { name: 'heartbeat', busy: false },
    { name: 'parser', busy: true },
    { name: 'monitor', busy: false },
    { name: 'writer', busy: true },
  ];
  expectPlacedByLoad(actors, placeByLoad(actors, GraphBuilder.forTesting().build({})));
});

it('idle actors only: they share one thread', () => {
  const actors: ActorLoad[] = [
    { name: 'heartbeat', busy: false },
    { name: 'monitor', busy: false },
  ];
  expectPlacedByLoad(actors, placeByLoad(actors, GraphBuilder.forTesting().build({})));
});

it('busy or idle comes from the `busy` flag, not from the name: this monitor is busy, the ticker idle', () => {
  const actors: ActorLoad[] = [
    { name: 'encoder', busy: true },
    { name: 'monitor', busy: true }, // it inspects every message
    { name: 'ticker', busy: false },
  ];
  expectPlacedByLoad(actors, placeByLoad(actors, GraphBuilder.forTesting().build({})));
});
