import { readFile } from 'node:fs/promises';
import { parseAktenplanCsv } from './aktenplan.csv.ts';

/**
 * The Verbund's standard filing plan (Aktenplan), modelled on the KGSt structure of county
 * administrations. It is Verbund-level content: every member adopts it on onboarding and may add
 * its own units below. The units are in aktenplan.template.csv, in the Aktenplan's own CSV format
 * (retention in years or `dauernd`).
 */
export const STANDARD_TEMPLATE_ID = 'verbund-standard';
export const STANDARD_TEMPLATE_NAME = 'Verbund-Aktenplan (Landkreise)';

export const DEFAULT_KENNZEICHEN = '00.40';

export async function readStandardTemplateUnits() {
  return parseAktenplanCsv(await readFile(new URL('./aktenplan.template.csv', import.meta.url), 'utf8'));
}
