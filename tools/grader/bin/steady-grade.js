#!/usr/bin/env node
// Entry of `steady-grade`: registers the TypeScript loader, then runs the grader.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
