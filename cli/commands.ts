import { analyzeCommand } from './analyze';
import type { Command } from './command';
import { identifyCommand } from './identify';
import { serverCommand } from './server';
import { teamCommand } from './team';
import { userCommand } from './user';

/**
 * Every command, by name. A new command (analyze, server, team, user) is one file exporting
 * a Command and one line here.
 */
export const COMMANDS: Readonly<Record<string, Command>> = {
  identify: identifyCommand,
  analyze: analyzeCommand,
  server: serverCommand,
  team: teamCommand,
  user: userCommand,
};

export type { Command } from './command';
