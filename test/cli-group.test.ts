import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cliGroup, CliUsageError, runCli } from '../src/cli-group';
import { configVariables } from './helpers/child-server';

// The one way every `npm run cli -- <group>` command runs, in this process with two made-up
// groups (none opens the runtime); the real commands are spawned in cli.test.ts and beside their features.

class FeatureError extends Error {}

const calls: unknown[] = [];
const plain = cliGroup({
  name: 'plain',
  usage: '  plain go --name N\n',
  options: { name: { type: 'string' } },
  usageErrors: [FeatureError],
  async run({ positionals: [action, argument], values }, cli) {
    if (action === 'fail') throw new FeatureError('feature says no');
    if (action === 'crash') throw new Error('a bug');
    if (action !== 'go') throw cli.unknownCommand();
    if (!values.name) throw new CliUsageError('plain go needs --name');
    calls.push({ argument, name: values.name });
  },
});
const own = cliGroup({ name: 'own', usage: '  own list\n', options: {}, ownHelp: true, run: async () => void calls.push('own') });
const overview = 'Usage: npm run cli -- <command>\n\n  plain go --name N\n  own list\n';

let output: { stdout: string[]; stderr: string[] };
beforeEach(() => {
  calls.length = 0;
  vi.spyOn(console, 'log').mockImplementation((line: string) => void output.stdout.push(line));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void output.stderr.push(line));
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

/** One run: what it printed and its exit code. */
async function run(...argv: string[]) {
  output = { stdout: [], stderr: [] };
  process.exitCode = undefined;
  await runCli(argv, [plain, own]);
  return { code: process.exitCode ?? 0, ...output };
}

describe('runCli', () => {
  it('runs the named group with its own options and the arguments after its name', async () => {
    expect(await run('plain', 'go', 'extra', '--name', 'x')).toEqual({ code: 0, stdout: [], stderr: [] });
    expect(calls).toEqual([{ argument: 'extra', name: 'x' }]);
  });

  it('prints the overview, composed from every group, for no arguments and --help', async () => {
    for (const argv of [[], ['--help'], ['-h'], ['plain', '--help'], ['onbekend', '-h']]) {
      expect(await run(...argv), argv.join(' ')).toEqual({ code: 0, stdout: [overview], stderr: [] });
    }
  });

  it('a group with ownHelp prints only its usage for --help and without a command', async () => {
    for (const argv of [['own'], ['own', '--help']]) {
      expect(await run(...argv)).toEqual({ code: 0, stdout: ['Usage:\n  own list\n'], stderr: [] });
    }
    expect(calls).toEqual([]);
  });

  it('exit code 2 with the message for wrong use: an unknown group or command, a usage error, a feature error, an unknown option', async () => {
    expect(await run('onbekend', 'x')).toEqual({ code: 2, stdout: [], stderr: [`Unknown command "onbekend x".\n\n${overview}`] });
    expect(await run('plain')).toEqual({ code: 2, stdout: [], stderr: [`Unknown command "plain".\n\n${overview}`] });

    expect(await run('plain', 'go')).toEqual({ code: 2, stdout: [], stderr: ['plain go needs --name'] });
    expect(await run('plain', 'fail')).toEqual({ code: 2, stdout: [], stderr: ['feature says no'] });
    const unknownOption = await run('own', '--bogus');
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr[0]).toMatch(/^Unknown option '--bogus'.*\n\nUsage:\n {2}own list\n$/s);
  });

  it('any other error is thrown', async () => {
    await expect(runCli(['plain', 'crash'], [plain, own])).rejects.toThrow('a bug');
  });
});

describe('the environment of a spawned CLI or server', () => {
  it('leaves out every variable the configuration reads, optional ones included', () => {
    for (const name of ['DATABASE_PATH', 'PUBLIC_URL', 'SMTP_URL', 'ADDRESS_HASH_KEY', 'DATA_KEY', 'DEMO_JOURNEYS', 'RETENTION_COMMENTS_MONTHS']) {
      expect(configVariables, name).toContain(name);
    }
    expect(configVariables).not.toContain('PATH');
  });
});
