import { TRIGGERS } from '../../../platform/outbox/outbox.ts';
import { badRequest, conflict, forbidden, notFound } from '../../../shared/errors.ts';
import { KENNUNG_HINT_DE } from '../integrations.models.ts';

/** Error factories of the connectors (Anbindungen): stable codes, German texts. */
export const anbindungErrors = {
  defineForbidden: () => forbidden('admin required', 'Anbindungen definieren darf nur die Administration.'),
  activateForbidden: () =>
    forbidden('kreis-admin required', 'Anbindungen einrichten darf nur die Kreis-Administration.'),
  invalidId: () => badRequest('connector.id', 'invalid id', KENNUNG_HINT_DE),
  unknownTrigger: () =>
    badRequest('connector.ausloeser', 'unknown trigger', `Auslöser: ${TRIGGERS.join(', ')}.`),
  unknownPayload: () =>
    badRequest('connector.nutzlast', 'unknown payload', 'Nutzlast: json, fit-connect oder xdomea.'),
  unknownTransport: () =>
    badRequest('connector.transport', 'unknown transport', 'Transport: webhook oder verzeichnis.'),
  nameRequired: () => badRequest('connector.name', 'name required', 'Bitte einen Namen angeben.'),
  unknownOwner: (owner: string) =>
    badRequest('connector.owner', 'unknown owner', `Unbekannter Landkreis: ${owner}`),
  exists: (id: string) =>
    conflict('connector.exists', 'connector id taken', `Die Anbindung „${id}“ gibt es schon.`),
  notFound: () => notFound('connector', 'Die Anbindung'),
  zielNotUrl: () =>
    badRequest('connector.ziel', 'endpoint is not a URL', 'Der Endpunkt ist keine gültige URL.'),
  zielNotHttp: () =>
    badRequest('connector.ziel', 'endpoint must be http(s)', 'Der Endpunkt muss mit https:// beginnen.'),
  zielNotDirectory: () =>
    badRequest(
      'connector.ziel',
      'target must be an absolute directory',
      'Das Zielverzeichnis muss ein absoluter Pfad ohne „..“ sein.',
    ),
  secretTooShort: () =>
    badRequest('connector.secret', 'secret too short', 'Das Geheimnis muss mindestens 16 Zeichen haben.'),
  incomplete: (transport: string) =>
    badRequest(
      'connector.incomplete',
      'endpoint (and secret) required',
      transport === 'webhook'
        ? 'Zum Aktivieren sind Endpunkt und Geheimnis (für die HMAC-Signatur) nötig.'
        : 'Zum Aktivieren ist ein Zielverzeichnis nötig.',
    ),
  mappingNotJson: () =>
    badRequest('connector.mapping', 'mapping is not JSON', 'Die Abbildung ist kein gültiges JSON.'),
};
