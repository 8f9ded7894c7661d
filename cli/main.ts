import { runCli } from './run';

// The entry point bin/kesher.js loads; everything testable lives in run.ts.
process.exitCode = await runCli(process.argv.slice(2));
