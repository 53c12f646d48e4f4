import { AUDIT_COMMANDS } from './audit.command.ts';
import type { Command } from './command.ts';
import { CONNECTOR_COMMANDS } from './connector.command.ts';
import { EINGANGSORDNER_COMMANDS } from './eingangsordner.command.ts';
import { IDENTITY_COMMANDS } from './identity.command.ts';
import { IMPORT_COMMANDS } from './import.command.ts';
import { OZG_COMMANDS } from './ozg.command.ts';
import { SEARCH_COMMANDS } from './search.command.ts';
import { SERVER_COMMANDS } from './server.command.ts';
import { STEUERUNG_COMMANDS } from './steuerung.command.ts';
import { TENANT_COMMANDS } from './tenant.command.ts';

export type { Command } from './command.ts';

/** Every command of `verbund`, in the order of the usage text. */
export const COMMANDS: Record<string, Command> = {
  ...SERVER_COMMANDS,
  ...TENANT_COMMANDS,
  ...IDENTITY_COMMANDS,
  ...CONNECTOR_COMMANDS,
  ...OZG_COMMANDS,
  ...AUDIT_COMMANDS,
  ...SEARCH_COMMANDS,
  ...IMPORT_COMMANDS,
  ...EINGANGSORDNER_COMMANDS,
  ...STEUERUNG_COMMANDS,
};

export function usage() {
  const lines = Object.entries(COMMANDS).map(
    ([name, c]) => `  verbund ${name} ${c.synopsis}\n      ${c.description}`,
  );
  return `Verbund – Kommandozeile\n\n${lines.join('\n')}\n\nKonfiguration über Umgebungsvariablen (siehe README, Abschnitt Konfiguration).`;
}
