/** `--import @steady/runtime/load-errors`: compile errors as compiler messages (see load-errors.ts). */
import { reportCompileErrors } from './load-errors.ts';

reportCompileErrors();
