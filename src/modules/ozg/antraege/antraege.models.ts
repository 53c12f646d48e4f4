import type { StoredBlob } from '../../blobs/blobs.module.ts';
import type { FormDefinition } from '../formulare/form.models.ts';
import { findValues } from '../formulare/form-validation.models.ts';

export const ANTRAG_PDF_JOB = 'services.antrag_pdf';
export const MAIL_JOB = 'services.mail';

/** An uploaded attachment: stored blob plus its SHA-512 (FIT-Connect), and the form field it answers. */
export type AntragFile = { field: string | null; fileName: string; blob: StoredBlob; sha512: string };

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Status of an Antrag: the status of its Vorgang, named for citizens. */
export const ANTRAG_STATUS: Record<string, string> = {
  neu: 'eingegangen',
  'in-bearbeitung': 'in Bearbeitung',
  nachforderung: 'Unterlagen nachgefordert',
  ruhend: 'in Bearbeitung',
  beschieden: 'beschieden',
  abgelehnt: 'abgelehnt',
  zurueckgezogen: 'zurückgezogen',
  abgeschlossen: 'abgeschlossen',
};

export const statusText = (status: string) => ANTRAG_STATUS[status] ?? status;

/** Which status an Antrag may move to from which (case work). */
export const TRANSITIONS: Record<string, string[]> = {
  neu: ['in-bearbeitung', 'nachforderung', 'beschieden', 'abgelehnt', 'zurueckgezogen'],
  'in-bearbeitung': ['nachforderung', 'beschieden', 'abgelehnt', 'zurueckgezogen', 'ruhend'],
  ruhend: ['in-bearbeitung', 'zurueckgezogen'],
  nachforderung: ['in-bearbeitung', 'beschieden', 'abgelehnt', 'zurueckgezogen'],
  beschieden: ['abgeschlossen'],
  abgelehnt: ['abgeschlossen'],
  zurueckgezogen: ['abgeschlossen'],
  abgeschlossen: [],
};

/** The status a case worker may choose on the staff page (in this order). */
export const STAFF_STATUS_CHOICES = [
  'in-bearbeitung',
  'nachforderung',
  'beschieden',
  'abgelehnt',
  'zurueckgezogen',
  'abgeschlossen',
] as const;

/** The applicant's e-mail address: the first e-mail field of the form that holds one. */
export function emailOf(data: unknown, definition: FormDefinition | null) {
  if (!definition) return null;
  const ids: string[] = [];
  const visit = (nodes: FormDefinition['children']) => {
    for (const n of nodes)
      if (n.kind === 'group') visit(n.children);
      else if (/e-?mail/i.test(n.name) || /e-?mail/i.test(n.label)) ids.push(n.id);
  };
  visit(definition.children);
  for (const id of ids) {
    const v = findValues(data, id).find((x) => typeof x === 'string' && x.includes('@'));
    if (v) return v as string;
  }
  return null;
}
