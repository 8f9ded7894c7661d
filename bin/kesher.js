#!/usr/bin/env node
// Runs the TypeScript CLI from source through tsx, so `npx kesher …` works in the repository
// without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
