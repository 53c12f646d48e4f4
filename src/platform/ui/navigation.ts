import type { Role } from '../http/principal.ts';

/**
 * The staff navigation. Every module of DESIGN.md has its place; a module that is not built yet
 * is shown as "in Vorbereitung" instead of a dead link. A module marks itself available by
 * giving its `href`.
 */
export type NavItem = { key: string; label: string; href?: string; roles?: Role[] };

export const NAVIGATION: NavItem[] = [
  { key: 'start', label: 'Start', href: '/' },
  { key: 'postkorb', label: 'Postkorb', href: '/postkorb' },
  { key: 'akten', label: 'E-Akte', href: '/akten' },
  { key: 'suche', label: 'Suche', href: '/suche' },
  { key: 'posteingang', label: 'Posteingang', href: '/posteingang', roles: ['kreis-admin', 'verbund-admin'] },
  { key: 'onlinedienste', label: 'Onlinedienste', href: '/onlinedienste' },
  { key: 'anbindungen', label: 'Fachverfahren', href: '/anbindungen' },
  { key: 'gremien', label: 'Gremien', href: '/gremien' },
  { key: 'steuerung', label: 'Steuerung', href: '/steuerung' },
  { key: 'verbund', label: 'Verbund', href: '/verbund' },
  {
    key: 'verwaltung',
    label: 'Verwaltung',
    href: '/verwaltung',
    roles: ['kreis-admin', 'leitung', 'verbund-admin'],
  },
];
