import { badRequest } from '../../shared/errors.ts';

export const invalidAkteFilter = () =>
  badRequest('search.invalid_filter', 'akteId must be a UUID', 'Die Akten-ID ist ungültig.');
