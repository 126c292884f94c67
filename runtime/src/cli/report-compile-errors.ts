/** `--import @steady/runtime/compile-errors`: compile errors as compiler messages (see compile-errors.ts). */
import { reportCompileErrors } from './compile-errors.ts';

reportCompileErrors();
