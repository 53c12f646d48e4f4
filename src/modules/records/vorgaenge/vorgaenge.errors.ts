import { conflict, notFound } from '../../../shared/errors.ts';

export const vorgangNotFound = () => notFound('vorgang', 'Der Vorgang');

export const externeReferenzTaken = (referenz: string | null) =>
  conflict(
    'vorgang.externe_referenz',
    'external reference already used by this Fachverfahren',
    `Die externe Referenz „${referenz}“ ist bei diesem Fachverfahren schon vergeben.`,
  );
