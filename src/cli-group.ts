import { systemClock } from './clock';
import { openRuntime, type Runtime } from './runtime';

/** The actor of the audit entries the command line writes. */
export const cliActor = { userId: null, label: 'cli' };

/**
 * Runs one group of `npm run cli -- <group> …` commands (zgw, privacy): options that do not
 * parse print the usage with exit code 2; --help or no command prints the usage; otherwise
 * `run` gets the parsed arguments and an open runtime, whose database is closed afterwards.
 * An error that `isUsageError` accepts is wrong use: its message, exit code 2.
 */
export async function runCliGroup<Parsed extends { values: { help?: boolean }; positionals: string[] }>(
  argv: string[],
  group: {
    usage: string;
    parse: (argv: string[]) => Parsed;
    isUsageError: (error: unknown) => error is Error;
    run: (parsed: Parsed, runtime: Runtime) => Promise<void>;
  },
): Promise<void> {
  let parsed: Parsed;
  try {
    parsed = group.parse(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n\nUsage:\n${group.usage}`);
    process.exitCode = 2;
    return;
  }
  if (parsed.values.help || !parsed.positionals[0]) {
    console.log(`Usage:\n${group.usage}`);
    return;
  }
  const runtime = openRuntime(systemClock);
  try {
    await group.run(parsed, runtime);
  } catch (error) {
    if (group.isUsageError(error)) {
      console.error(error.message);
      process.exitCode = 2;
      return;
    }
    throw error;
  } finally {
    runtime.db.$client.close();
  }
}
