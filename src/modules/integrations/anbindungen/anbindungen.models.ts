import { TRIGGERS, type Trigger } from '../../../platform/outbox/outbox.ts';
import { KENNUNG } from '../integrations.models.ts';
import { anbindungErrors } from './anbindungen.errors.ts';

export const NUTZLASTEN = ['json', 'fit-connect', 'xdomea'] as const;
export const TRANSPORTE = ['webhook', 'verzeichnis'] as const;

export type ConnectorInput = {
  id: string;
  name: string;
  ausloeser: Trigger;
  filter?: string | null;
  nutzlast: (typeof NUTZLASTEN)[number];
  mapping?: Record<string, unknown>;
  transport: (typeof TRANSPORTE)[number];
  maxVersuche?: number;
  beschreibung?: string;
  /** verbund-admin may name another member as owner (the county that analysed the Fachverfahren). */
  owner?: string;
};

/** A connector of the Verbund with this county's activation. */
export type Connector = {
  id: string;
  name: string;
  ownerTenantId: string;
  ownerName: string;
  ausloeser: Trigger;
  filter: string | null;
  nutzlast: string;
  mapping: Record<string, unknown>;
  transport: string;
  maxVersuche: number;
  beschreibung: string;
  aktivierung: { status: string; ziel: string | null; secretGesetzt: boolean };
};

export type ActivationInput = { ziel?: string | null; secret?: string | null; status?: 'active' | 'paused' };

/** Checks a connector definition in the order the API has always answered. */
export function checkDefinition(input: ConnectorInput) {
  if (!KENNUNG.test(input.id) || input.id.length > 80) throw anbindungErrors.invalidId();
  if (!(TRIGGERS as readonly string[]).includes(input.ausloeser)) throw anbindungErrors.unknownTrigger();
  if (!(NUTZLASTEN as readonly string[]).includes(input.nutzlast)) throw anbindungErrors.unknownPayload();
  if (!(TRANSPORTE as readonly string[]).includes(input.transport)) throw anbindungErrors.unknownTransport();
  if (!input.name || input.name.trim().length < 2) throw anbindungErrors.nameRequired();
}

/** A webhook needs an http(s) URL; a directory transport an absolute path without "..". */
export function checkZiel(transport: string, ziel: string) {
  if (transport === 'webhook') {
    let url: URL;
    try {
      url = new URL(ziel);
    } catch {
      throw anbindungErrors.zielNotUrl();
    }
    if (!['https:', 'http:'].includes(url.protocol)) throw anbindungErrors.zielNotHttp();
  } else if (!ziel.startsWith('/') || ziel.includes('..')) throw anbindungErrors.zielNotDirectory();
}

/**
 * The activation after a change: unset fields keep their current value; without a status it is
 * active once a target is set. Activating needs a target, and a webhook also its secret.
 */
export function nextActivation(
  current: { transport: string; ziel: string | null; secret: string | null },
  input: ActivationInput,
) {
  const ziel = input.ziel === undefined ? current.ziel : input.ziel;
  const secret = input.secret === undefined ? current.secret : input.secret;
  if (ziel) checkZiel(current.transport, ziel);
  if (secret !== null && secret !== undefined && secret.length < 16) throw anbindungErrors.secretTooShort();
  const status = input.status ?? (ziel ? 'active' : 'pending');
  if (status === 'active' && (!ziel || (current.transport === 'webhook' && !secret)))
    throw anbindungErrors.incomplete(current.transport);
  return { status, ziel, secret };
}
