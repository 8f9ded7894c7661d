import type { Command } from './command';
import { identifyCommand } from './identify';

/**
 * Every command, by name. A new command (analyze, server, team, user) is one file exporting
 * a Command and one line here.
 */
export const COMMANDS: Readonly<Record<string, Command>> = {
  identify: identifyCommand,
};

export type { Command } from './command';
