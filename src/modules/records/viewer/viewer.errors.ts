import { forbidden } from '../../../shared/errors.ts';

export const readOnly = () =>
  forbidden('requires sachbearbeitung, leitung or kreis-admin', 'Mit Lesezugriff können Sie nichts ändern.');
