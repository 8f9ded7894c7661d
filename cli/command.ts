import type { Io } from './io';

/** One `kesher <name>` command. `run` resolves to the process exit code. */
export interface Command {
  /** One line for `kesher --help`. */
  summary: string;
  /** The full text for `kesher <name> --help`. */
  usage: string;
  run(argv: string[], io?: Io): Promise<number>;
}
