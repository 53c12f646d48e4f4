import { badRequest } from '../../../shared/errors.ts';

export const postkorbNoPerson = () =>
  badRequest(
    'postkorb.no_person',
    'the Postkorb belongs to a person',
    'Der Postkorb gehört zu einer Person; dieses Token vertritt keine.',
  );
