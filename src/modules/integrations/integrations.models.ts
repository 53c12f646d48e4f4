/** A Kennung (of a connector or a Fachverfahren): lower-case letters, digits and single dashes. */
export const KENNUNG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** How a Kennung is written, for the German message when one is refused. */
export const KENNUNG_HINT_DE = 'Die Kennung besteht aus Kleinbuchstaben, Ziffern und Bindestrichen.';

/** A latency figure of the monitor in whole milliseconds, or null when nothing was delivered. */
export const latencyMs = (value: unknown) => (value === null ? null : Math.round(Number(value)));

/** An optional timestamp column as ISO text. */
export const isoOrNull = (value: unknown) => (value ? (value as Date).toISOString() : null);

/** The triggers of a connector as people call them. */
export const TRIGGER_LABELS: Record<string, string> = {
  'antrag.eingegangen': 'neuer Antrag',
  'dokument.abgelegt': 'Dokument abgelegt',
  'vorgang.status': 'Statuswechsel',
};

/** The state of a connector's activation in a county. */
export const STATUS_LABELS: Record<string, string> = {
  active: 'aktiv',
  pending: 'Endpunkt fehlt',
  paused: 'pausiert',
};
