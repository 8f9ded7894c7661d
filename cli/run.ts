import { COMMANDS } from './commands';
import { processIo, type Io } from './io';

function generalHelp(): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((n) => n.length));
  const lines = names.map((name) => `  ${name.padEnd(width)}  ${COMMANDS[name]!.summary}`);
  return `Usage: kesher <command> [options]

Commands:
${lines.join('\n')}

Run "kesher <command> --help" for a command's options.`;
}

const isHelp = (arg: string) => arg === '--help' || arg === '-h';

/** Dispatches `kesher <command> …`; resolves to the exit code (2 for a usage error). */
export async function runCli(argv: readonly string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    io.err(generalHelp());
    return 2;
  }
  if (isHelp(name) || name === 'help') {
    io.out(generalHelp());
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(`kesher: unknown command "${name}"\n\n${generalHelp()}`);
    return 2;
  }
  if (rest.some(isHelp)) {
    io.out(command.usage);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    io.err(`kesher ${name}: unexpected error: ${(error as Error)?.stack ?? String(error)}`);
    return 1;
  }
}
