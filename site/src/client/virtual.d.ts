declare module 'virtual:steady/lessons' {
  import type { LessonBundle, LessonInfo } from '../shared/lesson.ts';
  export const lessons: LessonInfo[];
  export const loaders: Record<string, () => Promise<{ default: LessonBundle }>>;
}
declare module 'virtual:steady/lesson/*' {
  import type { LessonBundle } from '../shared/lesson.ts';

  const bundle: LessonBundle;
  export default bundle;
}
declare module 'virtual:steady/support' {
  const files: Record<string, string>;
  export default files;
}
declare module '*?worker' {
  const WorkerConstructor: new () => Worker;
  export default WorkerConstructor;
}
