import { prepareDatabase } from '../../platform/database/bootstrap.ts';
import { badRequest } from '../../shared/errors.ts';
import { type Mode, startRuntime } from '../runtime.ts';
import { type Command, str } from './command.ts';

/** Running the product: start (web and/or worker until a signal) and migrate. */
export const SERVER_COMMANDS: Record<string, Command> = {
  start: {
    synopsis: '[--mode all|web|worker]',
    description: 'Startet Web und/oder Worker (Standard: all).',
    options: { mode: { type: 'string', default: 'all' } },
    async run({ values, config }) {
      const mode = str(values.mode) as Mode;
      if (!['all', 'web', 'worker'].includes(mode))
        throw badRequest(
          'cli.mode',
          'mode must be all, web or worker',
          '--mode muss all, web oder worker sein.',
        );
      const runtime = await startRuntime({ config, mode });
      await new Promise<void>((resolve) => {
        const onSignal = (signal: string) => {
          console.log(`${signal} empfangen – Verbund wird beendet …`);
          runtime.stop().then(resolve, (error) => {
            console.error(error);
            resolve();
          });
        };
        process.once('SIGINT', () => onSignal('SIGINT'));
        process.once('SIGTERM', () => onSignal('SIGTERM'));
      });
      console.log('Verbund beendet.');
      return 0;
    },
  },
  migrate: {
    synopsis: '',
    description: 'Wendet ausstehende Datenbank-Migrationen an.',
    options: {},
    async run({ config }) {
      const prepared = await prepareDatabase({ config });
      await prepared.stop();
      console.log(
        prepared.migrations.applied.length
          ? `Angewendet: ${prepared.migrations.applied.join(', ')}`
          : 'Datenbank ist aktuell.',
      );
      return 0;
    },
  },
};
