import type { TestContext } from './context.ts';

/**
 * The cross-tenant suite. Every module that adds an endpoint adds a case here (in its own
 * `<module>.cross-tenant.ts`, collected by test/cross-tenant.test.ts): the case creates objects as
 * the owner county and names the requests that county A must NOT be able to make on them.
 * The suite also fails if an OpenAPI path with a path parameter is covered by no case and not
 * listed as Verbund-level — so a new endpoint cannot silently skip isolation testing.
 */
export type Probe = { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; path: string; json?: unknown };

export type CrossTenantCase = {
  name: string;
  /** OpenAPI path templates this case covers, e.g. `/benutzer/{id}`. */
  covers: string[];
  setup(args: { t: TestContext; ownerTenant: string; ownerToken: string }): Promise<{
    /** Requests on the owner's objects: must answer 404 for another county. */
    probes: Probe[];
    /** List endpoints with the ids of the owner's objects that must not appear for another county. */
    lists?: Array<{ path: string; ids: string[] }>;
  }>;
};

/** Paths with parameters that address Verbund-level (shared) objects, readable by every member. */
export const VERBUND_LEVEL_PATHS: Record<string, string> = {
  '/verbund/aenderungen/{id}':
    'Änderungen der Zweckvereinbarung: Verbund-Ebene, für alle Mitglieder lesbar; geändert nur vom Serviceteam.',
  '/verbund/aenderungen/{id}/vorlagen':
    'Verbund-Ebene: legt die Vorlage nur über die Use-Cases des Gremienmoduls im jeweiligen Landkreis an (nur Serviceteam).',
  '/verbund/aenderungen/{id}/genehmigung': 'Verbund-Ebene, nur Serviceteam.',
  '/verbund/aenderungen/{id}/bekanntmachung': 'Verbund-Ebene, nur Serviceteam.',
  '/verbund/aenderungen/{id}/unterschriften/{landkreisId}':
    'Verbund-Ebene; eine Kreis-Administration unterschreibt nur für den eigenen Landkreis (403 sonst, aenderungen.test.ts).',
  '/verbund/mitglieder/{id}':
    'Mitglieder des Verbunds sind für alle Mitglieder sichtbar (DESIGN.md: Verbund-Ebene).',
  '/leistungen/{id}': 'Leistungskatalog: Verbund-Ebene, öffentlich.',
  '/leistungen/{id}/formular': 'Formular einer Leistung: Verbund-Ebene, öffentlich.',
  '/formulare/{id}': 'Formulare: Verbund-Ebene, für alle Mitglieder.',
  '/connectoren/{id}/aktivierung':
    'Der Pfad nennt eine Anbindung (Verbund-Ebene); geändert wird nur die Aktivierung des eigenen Landkreises (RLS).',
  '/aktivierungen/{id}':
    'Der Pfad nennt eine Leistung (Verbund-Ebene); gelesen und geändert wird nur die Aktivierung des eigenen Landkreises (RLS).',
  '/steuerung/reifegrad/leistungen/{id}':
    'Der Pfad nennt eine Leistung (Verbund-Ebene); gelesen und erfasst wird nur der Reifegrad des eigenen Landkreises (RLS; reifegrad.test.ts zeigt, dass ein anderer Landkreis die Kriterien nicht sieht).',
};

export const defineCrossTenantCase = (c: CrossTenantCase) => c;
