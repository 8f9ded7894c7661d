import { describe, expect, it } from 'vitest';
import { COMMANDS } from './commands';
import { runCli } from './run';
import { bufferIo } from './test-io';

describe('kesher command dispatch', () => {
  it('lists the commands on --help and exits 0', async () => {
    for (const arg of ['--help', '-h', 'help']) {
      const io = bufferIo();
      expect(await runCli([arg], io)).toBe(0);
      expect(io.stdout).toContain('Usage: kesher <command>');
      expect(io.stdout).toMatch(/^ {2}identify {2}\S/m);
    }
  });

  it('prints the usage on stderr and exits 2 without a command', async () => {
    const io = bufferIo();
    expect(await runCli([], io)).toBe(2);
    expect(io.stderr).toContain('Usage: kesher <command>');
  });

  it('refuses an unknown command with exit 2, even one named after an Object method', async () => {
    for (const name of ['frobnicate', 'constructor', '__proto__', 'toString']) {
      const io = bufferIo();
      expect(await runCli([name], io)).toBe(2);
      expect(io.stderr).toContain(`unknown command "${name}"`);
    }
  });

  it('shows each command’s own help', async () => {
    for (const [name, command] of Object.entries(COMMANDS)) {
      const io = bufferIo();
      expect(await runCli([name, '--help'], io)).toBe(0);
      expect(io.stdout.trim()).toBe(command.usage.trim());
      expect(command.summary.length).toBeGreaterThan(0);
    }
  });

  it('reports an unexpected failure with exit 1 instead of crashing', async () => {
    const io = bufferIo();
    const original = COMMANDS.identify!.run;
    (COMMANDS.identify as { run: typeof original }).run = async () => {
      throw new Error('boom');
    };
    try {
      expect(await runCli(['identify', 'x'], io)).toBe(1);
    } finally {
      (COMMANDS.identify as { run: typeof original }).run = original;
    }
    expect(io.stderr).toContain('unexpected error: Error: boom');
  });
});
