import { readFile } from 'node:fs/promises';
import { badRequest } from '../../shared/errors.ts';
import { type Command, str, withServices } from './command.ts';

/** Reference data of the citizen portal: the official list of Gemeinden (GV100AD). */
export const OZG_COMMANDS: Record<string, Command> = {
  'gemeinden import': {
    synopsis: '--datei <GV100AD.txt>',
    description:
      'Übernimmt das amtliche Gemeindeverzeichnis (Destatis GV100AD) für die Zuständigkeit im Bürgerportal.',
    options: { datei: { type: 'string' } },
    required: ['datei'],
    run: ({ values, config }) =>
      withServices(config, async (services) => {
        const file = str(values.datei)!;
        const bytes = await readFile(file).catch(() => {
          throw badRequest('cli.file', 'cannot read file', `Die Datei ${file} kann nicht gelesen werden.`);
        });
        const result = await services.ozg.catalog.importGemeinden(bytes, (done, total) =>
          process.stderr.write(`\rGemeinden übernehmen: ${done}/${total}`),
        );
        process.stderr.write('\n');
        console.log(
          `${result.gemeinden} Gemeinden übernommen (${result.thueringen} in Thüringen); ${result.uebersprungen} andere Datensätze übersprungen.`,
        );
        return 0;
      }),
  },
};
