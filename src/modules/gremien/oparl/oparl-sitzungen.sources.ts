import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { label, MEETING_STATE, RESULT } from './oparl.labels.ts';
import { compact, dateTime, tombstone, typeOf } from './oparl.models.ts';
import { selectStamped } from './oparl.repository.ts';
import { defineSource, groupBy, type OparlObject, type RenderContext } from './oparl.sources.ts';
import {
  type AgendaItemRow,
  agendaItemBase,
  type LocationRow,
  locationBase,
  type MeetingRow,
  meetingBase,
  participantsOf,
} from './oparl-sitzungen.repository.ts';

const stamps = (row: { created: Date; modified: Date }) => ({
  created: dateTime(row.created),
  modified: dateTime(row.modified),
});

/** The Location id of a place text: md5 as uuid, the same as `md5(ort)::uuid` in PostgreSQL. */
export function locationId(ort: string) {
  const h = createHash('md5').update(ort, 'utf8').digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Vote counts are no OParl attribute: a vendor extension (spec 3.1 "Herstellerspezifische Erweiterungen"). */
const abstimmung = (row: AgendaItemRow) =>
  row.ja === null ? null : { ja: row.ja, nein: row.nein, enthaltungen: row.enthaltung };

async function renderAgendaItems(rows: AgendaItemRow[], { urls, bodyId }: RenderContext) {
  return rows.map((row) => {
    const base = {
      id: urls.object(bodyId, 'agendaItem', row.id),
      type: typeOf('agendaItem'),
      meeting: urls.object(bodyId, 'meeting', row.sitzung_id),
      number: `${row.oeffentlich ? 'Ö' : 'N'} ${row.nummer}`,
      order: row.reihenfolge,
      public: row.oeffentlich,
    };
    // A non-public item shows only its place in the agenda (the SQL has blanked everything else).
    if (!row.oeffentlich) return { ...base, name: 'nichtöffentlich', ...stamps(row) } as OparlObject;
    return compact({
      ...base,
      name: row.titel,
      consultation: row.consultation_id ? urls.object(bodyId, 'consultation', row.consultation_id) : null,
      result: row.ergebnis ? label(RESULT, row.ergebnis) : null,
      resolutionText: row.beschluss_text,
      'verbund:beschlussNummer': row.beschluss_nr,
      'verbund:abstimmung': abstimmung(row),
      ...stamps(row),
    }) as OparlObject;
  });
}

async function renderLocations(rows: LocationRow[], { urls, bodyId }: RenderContext) {
  return rows.map(
    (row) =>
      ({
        id: urls.object(bodyId, 'location', row.id),
        type: typeOf('location'),
        description: row.ort,
        meetings: row.meeting_ids.map((m) => urls.object(bodyId, 'meeting', m)),
        ...stamps(row),
      }) as OparlObject,
  );
}

export const agendaItemSource = defineSource<AgendaItemRow>({
  base: agendaItemBase,
  render: renderAgendaItems,
});
export const locationSource = defineSource<LocationRow>({ base: locationBase, render: renderLocations });

export const meetingSource = defineSource<MeetingRow>({
  base: meetingBase,
  async render(rows, ctx) {
    const { urls, bodyId, trx } = ctx;
    const live = rows.filter((r) => !r.deleted);
    const ids = live.map((r) => r.id);
    const embed = !ctx.omitInternal && ids.length > 0;
    const items = embed
      ? groupBy(
          await selectStamped<AgendaItemRow>(trx, agendaItemBase, {
            of: sql`x.sitzung_id = any(${ids}::uuid[])`,
          }),
          (i) => i.sitzung_id,
        )
      : new Map<string, AgendaItemRow[]>();
    const places = [...new Set(live.flatMap((r) => (r.ort ? [locationId(r.ort)] : [])))];
    const locations = new Map(
      (embed ? await selectStamped<LocationRow>(trx, locationBase, { ids: places }) : []).map((l) => [
        l.ort,
        l,
      ]),
    );
    const participants = groupBy(ids.length > 0 ? await participantsOf(trx, ids) : [], (p) => p.sitzung_id);
    const out: OparlObject[] = [];
    for (const row of rows) {
      const id = urls.object(bodyId, 'meeting', row.id);
      if (row.deleted) {
        out.push(tombstone(id, typeOf('meeting'), row) as OparlObject);
        continue;
      }
      const agenda = (items.get(row.id) ?? []).sort((a, b) => a.reihenfolge - b.reihenfolge);
      const location = row.ort ? locations.get(row.ort) : undefined;
      out.push(
        compact({
          id,
          type: typeOf('meeting'),
          name: `${row.gremium}, ${row.nummer}. Sitzung`,
          meetingState: label(MEETING_STATE, row.status),
          cancelled: row.status === 'abgesagt',
          start: dateTime(row.beginn),
          end: row.ende ? dateTime(row.ende) : null,
          location: location ? (await renderLocations([location], ctx))[0] : null,
          organization: [urls.object(bodyId, 'organization', row.gremium_id)],
          participant: (participants.get(row.id) ?? []).map((p) =>
            urls.object(bodyId, 'person', p.person_id),
          ),
          agendaItem: embed ? await renderAgendaItems(agenda, ctx) : null,
          ...stamps(row),
        }) as OparlObject,
      );
    }
    return out;
  },
});
