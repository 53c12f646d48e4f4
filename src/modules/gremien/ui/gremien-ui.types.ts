import type { mitgliedOf } from '../gremien/mitglieder.usecases.ts';
import type { beschlussOf } from '../sitzungen/beschluesse.usecases.ts';
import type { sitzungOf } from '../sitzungen/sitzungen.usecases.ts';

/** The use-cases' views the pages show (the same objects the API answers with). */
export type Sitzung = ReturnType<typeof sitzungOf>;
export type Top = NonNullable<Sitzung['tagesordnung']>[number];
export type Beschluss = ReturnType<typeof beschlussOf>;
export type Mitglied = ReturnType<typeof mitgliedOf>;
