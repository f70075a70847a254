import { parseArgs, type ParseArgsConfig } from 'node:util';
import { systemClock } from './clock';
import { ConfigError } from './config';
import { openRuntime, type Runtime } from './runtime';

/** The actor of the audit entries the command line writes. */
export const cliActor = { userId: null, label: 'cli' };

/** Wrong use of a command: its message is printed and the exit code is 2. */
export class CliUsageError extends Error {}

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

const helpOption = { help: { type: 'boolean', short: 'h' } } as const;

/** What `run` gets: the positionals after the group's name and the option values. */
export type CliArguments<Options extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ args: string[]; allowPositionals: true; options: Options & typeof helpOption }>
>;

export interface CliContext {
  /** Configuration, secrets and the migrated database: opened at the first call, closed after the command. */
  runtime(): Runtime;
  /** The error for a command the group does not have (exit 2, with the usage). */
  unknownCommand(): CliUsageError;
}

/**
 * One group of `npm run cli -- <name> …` commands, declared in its feature's cli-commands.ts.
 * `run` gets the arguments after the group's name (every group also takes --help / -h).
 */
export interface CliGroup<Options extends ParseArgsOptionsConfig = ParseArgsOptionsConfig> {
  name: string;
  /** The group's lines in the usage text, each ending in a newline. */
  usage: string;
  options: Options;
  /**
   * With sub-commands of its own (zgw, privacy), --help and a missing command print only this
   * group's usage; otherwise --help prints the whole overview.
   */
  ownHelp?: boolean;
  /** The feature's errors that mean wrong use (exit 2), besides CliUsageError and ConfigError. */
  usageErrors?: (abstract new (...args: never[]) => Error)[];
  run(parsed: CliArguments<Options>, cli: CliContext): Promise<void>;
}

/** Declares a group with the types of its options kept for `run`. */
export function cliGroup<const Options extends ParseArgsOptionsConfig>(group: CliGroup<Options>): CliGroup {
  return group as unknown as CliGroup;
}

/**
 * `npm run cli -- <group> …`: options that do not parse print the usage with exit code 2;
 * --help prints it; a usage error prints its message with exit code 2; any other error is
 * thrown (a stack trace, exit code 1). The runtime a command opened is closed afterwards.
 */
export async function runCli(argv: string[], groups: CliGroup[]): Promise<void> {
  const overview = `Usage: npm run cli -- <command>\n\n${groups.map((group) => group.usage).join('')}`;
  const group = groups.find((candidate) => candidate.name === argv[0]);
  if (!group) {
    if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) console.log(overview);
    else usageError(`Unknown command "${argv.join(' ')}".\n\n${overview}`);
    return;
  }
  const help = group.ownHelp ? `Usage:\n${group.usage}` : overview;
  let parsed: CliArguments<ParseArgsOptionsConfig>;
  try {
    parsed = parseArgs({ args: argv.slice(1), allowPositionals: true, options: { ...group.options, ...helpOption } });
  } catch (error) {
    usageError(`${parseProblem(error as Error & { code?: string }, group)}\n\n${help}`);
    return;
  }
  if (parsed.values.help || (group.ownHelp && !parsed.positionals[0])) {
    console.log(help);
    return;
  }
  let runtime: Runtime | undefined;
  const cli: CliContext = {
    runtime: () => (runtime ??= openRuntime(systemClock)),
    unknownCommand: () => new CliUsageError(`Unknown command "${[group.name, ...parsed.positionals].join(' ')}".\n\n${help}`),
  };
  try {
    await group.run(parsed, cli);
  } catch (error) {
    const usageErrors = [CliUsageError, ConfigError, ...(group.usageErrors ?? [])];
    if (!usageErrors.some((type) => error instanceof type)) throw error;
    usageError((error as Error).message);
  } finally {
    runtime?.db.$client.close();
  }
}

/**
 * One line for options that do not parse. Node's own text for an unknown option adds advice about
 * positionals starting with '-' that misleads here; a near option name is offered instead.
 */
function parseProblem(error: Error & { code?: string }, group: CliGroup): string {
  const firstLine = error.message.split('\n')[0]!;
  const typed = /'(-{1,2}[^'\s=]+)/.exec(firstLine)?.[1];
  if (error.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || !typed) return firstLine;
  const name = typed.replace(/^-+/, '');
  const near = Object.keys(group.options).find((option) => option.startsWith(name) || name.startsWith(option));
  return `Unknown option '${typed}' for "${group.name}"${near ? ` (did you mean --${near}?)` : ''}.`;
}

function usageError(message: string): void {
  console.error(message);
  process.exitCode = 2;
}
