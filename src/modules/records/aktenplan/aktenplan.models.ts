import type { Vertraulichkeit } from '../../../platform/database/database.types.ts';
import { VERTRAULICHKEIT } from '../records.models.ts';
import { invalidUnit } from './aktenplan.errors.ts';

export const AUSSONDERUNG = ['A', 'B', 'V'] as const;
export const aussonderungLabels = { A: 'archivwürdig', B: 'bewerten', V: 'vernichten' } as const;

export type UnitInput = {
  kennzeichen: string;
  titel: string;
  aufbewahrungJahre: number | null;
  aussonderung: 'A' | 'B' | 'V';
  vertraulichkeit: Vertraulichkeit;
};

export type AktenplanUnit = UnitInput & { id: string; parentId: string | null; ausVorlage: boolean };

const KENNZEICHEN = /^[0-9]{1,3}(\.[0-9]{1,3}){0,5}$/;
export const isKennzeichen = (value: string) => KENNZEICHEN.test(value);
export const parentKennzeichen = (kennzeichen: string) => {
  const at = kennzeichen.lastIndexOf('.');
  return at < 0 ? null : kennzeichen.slice(0, at);
};

/** Orders Kennzeichen numerically segment by segment: 1.2 < 1.10 < 2. */
export function compareKennzeichen(a: string, b: string) {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

export const byKennzeichen = <T extends { kennzeichen: string }>(units: T[]) =>
  [...units].sort((a, b) => compareKennzeichen(a.kennzeichen, b.kennzeichen));

/** Checks and normalises one unit from a form, the API or a CSV line (`line` names it in errors). */
export function validateUnit(input: Record<string, unknown>, line?: number): UnitInput {
  const kennzeichen = String(input.kennzeichen ?? '').trim();
  const titel = String(input.titel ?? '').trim();
  const jahreRaw = input.aufbewahrungJahre;
  const aussonderung = String(input.aussonderung ?? '')
    .trim()
    .toUpperCase();
  const vertraulichkeit = String(input.vertraulichkeit ?? 'offen').trim() || 'offen';
  const fail = (field: string, de: string) => invalidUnit(field, de, line);
  if (!isKennzeichen(kennzeichen))
    throw fail('kennzeichen', `Kennzeichen „${kennzeichen}“ ist ungültig (Beispiel: 01.02.03)`);
  if (titel.length < 1 || titel.length > 300) throw fail('titel', 'Der Titel fehlt oder ist zu lang');
  let aufbewahrungJahre: number | null = null;
  if (jahreRaw !== null && jahreRaw !== undefined && String(jahreRaw).trim() !== '') {
    const text = String(jahreRaw).trim().toLowerCase();
    if (text !== 'dauernd') {
      aufbewahrungJahre = Number(text);
      if (!Number.isInteger(aufbewahrungJahre) || aufbewahrungJahre < 0 || aufbewahrungJahre > 200)
        throw fail('aufbewahrung_jahre', 'Die Aufbewahrungsfrist muss 0–200 Jahre oder „dauernd“ sein');
    }
  }
  if (!(AUSSONDERUNG as readonly string[]).includes(aussonderung))
    throw fail('aussonderung', 'Die Aussonderungsart muss A, B oder V sein');
  if (!(VERTRAULICHKEIT as readonly string[]).includes(vertraulichkeit))
    throw fail('vertraulichkeit', 'Die Vertraulichkeit muss offen, intern oder vertraulich sein');
  return {
    kennzeichen,
    titel,
    aufbewahrungJahre,
    aussonderung: aussonderung as UnitInput['aussonderung'],
    vertraulichkeit: vertraulichkeit as Vertraulichkeit,
  };
}
