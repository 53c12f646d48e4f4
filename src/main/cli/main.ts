import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../../platform/config.ts';
import { AppError } from '../../shared/errors.ts';
import { COMMANDS, type Command, usage } from './commands.ts';

/** Entry point of the `verbund` command; returns the exit code. */
export async function main(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const [first, second] = argv;
  if (!first || first === 'help' || first === '--help' || first === '-h') {
    console.log(usage());
    return first ? 0 : 2;
  }
  const key = COMMANDS[`${first} ${second}`] ? `${first} ${second}` : first;
  const command: Command | undefined = COMMANDS[key];
  if (!command) {
    console.error(`Unbekannter Befehl: ${argv.slice(0, 2).join(' ')}\n\n${usage()}`);
    return 2;
  }
  const rest = argv.slice(key.split(' ').length);
  let values: Record<string, string | boolean | Array<string | boolean> | undefined>;
  try {
    const parsed = parseArgs({
      args: rest,
      options: command.options,
      strict: true,
      allowPositionals: Boolean(command.positional),
    });
    values = parsed.values;
    if (parsed.positionals.length > 1) throw new Error(`Zu viele Argumente: ${parsed.positionals.join(' ')}`);
    if (command.positional) values[command.positional] = parsed.positionals[0];
  } catch (error) {
    console.error(`${(error as Error).message}\n\nAufruf: verbund ${key} ${command.synopsis}`);
    return 2;
  }
  for (const name of command.required ?? []) {
    if (values[name] === undefined) {
      console.error(`Fehlende Angabe --${name}.\n\nAufruf: verbund ${key} ${command.synopsis}`);
      return 2;
    }
  }
  try {
    const config = loadConfig(env);
    return await command.run({ values, config });
  } catch (error) {
    if (error instanceof AppError) {
      console.error(`Fehler: ${error.messageDe} (${error.code})`);
      return error.status >= 500 ? 1 : 3;
    }
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    console.error(`Fehler: ${(error as Error).message}`);
    return 1;
  }
}
