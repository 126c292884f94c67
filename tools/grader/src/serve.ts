/**
 * `steady-grade --serve`: a warm grader that takes requests on standard input, one JSON line each
 * (`{"json": ".steady/grade.json", "exercise": "01-stop-after-beats"}`, the exercise optional), and
 * answers each with the same table a cold `npm test` prints, then the line SERVE_DONE and the exit
 * code a cold run would have had. The native runner keeps one per open lesson, so a second Test
 * returns in well under the time a cold one takes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { ExerciseInfo } from './exercises.ts';
import { findExercise } from './hints.ts';
import { renderTable } from './table.ts';
import { WarmGrader } from './warm.ts';

/** Ends each answer: what follows it on the line is the exit code. */
export const SERVE_DONE = '\u001esteady-grade:done';

interface ServeRequest {
  readonly json: string;
  readonly exercise?: string;
}

/** A request line, checked; throws with what is wrong. */
export function parseServeRequest(
  line: string,
  exercises: readonly ExerciseInfo[],
): { json: string; only?: string[] } {
  let data: Partial<ServeRequest>;
  try {
    data = JSON.parse(line) as Partial<ServeRequest>;
  } catch {
    throw new Error('a request is one line of JSON');
  }
  if (typeof data?.json !== 'string' || !data.json || data.json.includes('\0'))
    throw new Error('a request names the JSON report to write ("json")');
  if (data.exercise !== undefined && typeof data.exercise !== 'string')
    throw new Error('"exercise" must be an exercise id');
  return {
    json: data.json,
    ...(data.exercise !== undefined ? { only: [findExercise(exercises, data.exercise).id] } : {}),
  };
}

export async function serve(lessonDir: string, exercises: readonly ExerciseInfo[]): Promise<void> {
  const grader = await WarmGrader.open(lessonDir);
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    if (!line.trim()) continue;
    let code = 2;
    try {
      const request = parseServeRequest(line, exercises);
      const summary = await grader.grade(request.only);
      const file = resolve(lessonDir, request.json);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify(summary, null, 2)}\n`);
      console.log(renderTable(summary));
      code = summary.passed === summary.total && summary.total > 0 ? 0 : 1;
    } catch (error) {
      console.error(`steady-grade: ${error instanceof Error ? error.message : String(error)}`);
    }
    console.log(`${SERVE_DONE} ${code}`);
  }
  await grader.close();
}
