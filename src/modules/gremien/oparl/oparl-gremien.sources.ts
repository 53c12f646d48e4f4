import { sql } from 'kysely';
import { label, MEMBERSHIP_ROLE, ORGANIZATION_CLASSIFICATION } from './oparl.labels.ts';
import { compact, dateTime, tombstone, typeOf } from './oparl.models.ts';
import { selectStamped } from './oparl.repository.ts';
import { defineSource, groupBy, type OparlObject, type RenderContext } from './oparl.sources.ts';
import {
  type LegislativeTermRow,
  legislativeTermBase,
  type MembershipRow,
  membershipBase,
  type OrganizationRow,
  organizationBase,
  type PersonRow,
  personBase,
} from './oparl-gremien.repository.ts';

const stamps = (row: { created: Date; modified: Date }) => ({
  created: dateTime(row.created),
  modified: dateTime(row.modified),
});

export async function renderLegislativeTerms(rows: LegislativeTermRow[], { urls, bodyId }: RenderContext) {
  return rows.map(
    (row) =>
      compact({
        id: urls.object(bodyId, 'legislativeTerm', row.id),
        type: typeOf('legislativeTerm'),
        body: urls.body(bodyId),
        name: row.name,
        startDate: row.beginn,
        endDate: row.ende,
        ...stamps(row),
      }) as OparlObject,
  );
}

async function renderMemberships(rows: MembershipRow[], { urls, bodyId }: RenderContext) {
  return rows.map(
    (row) =>
      compact({
        id: urls.object(bodyId, 'membership', row.id),
        type: typeOf('membership'),
        person: urls.object(bodyId, 'person', row.person_id),
        organization: urls.object(bodyId, 'organization', row.gremium_id),
        role: label(MEMBERSHIP_ROLE, row.rolle),
        votingRight: row.stimmberechtigt,
        startDate: row.von,
        endDate: row.bis,
        // The Fraktion is text, not an Organization of its own yet: a vendor extension.
        'verbund:fraktion': row.fraktion,
        ...stamps(row),
      }) as OparlObject,
  );
}

export const legislativeTermSource = defineSource<LegislativeTermRow>({
  base: legislativeTermBase,
  render: renderLegislativeTerms,
});

export const membershipSource = defineSource<MembershipRow>({
  base: membershipBase,
  render: renderMemberships,
});

export const organizationSource = defineSource<OrganizationRow>({
  base: organizationBase,
  async render(rows, { urls, bodyId }) {
    return rows.map((row) => {
      const id = urls.object(bodyId, 'organization', row.id);
      if (row.deleted) return tombstone(id, typeOf('organization'), row) as OparlObject;
      return compact({
        id,
        type: typeOf('organization'),
        body: urls.body(bodyId),
        name: row.name,
        shortName: row.kuerzel,
        organizationType: 'Gremium',
        classification: label(ORGANIZATION_CLASSIFICATION, row.art),
        membership: row.membership_ids.map((m) => urls.object(bodyId, 'membership', m)),
        meeting: urls.ofOrganization(bodyId, row.id, 'meeting'),
        consultation: urls.ofOrganization(bodyId, row.id, 'consultation'),
        ...stamps(row),
      }) as OparlObject;
    });
  },
});

export const personSource = defineSource<PersonRow>({
  base: personBase,
  async render(rows, ctx) {
    const { urls, bodyId, trx } = ctx;
    const live = rows.filter((r) => !r.deleted).map((r) => r.id);
    const embed = !ctx.omitInternal && live.length > 0;
    const memberships = embed
      ? groupBy(
          await selectStamped<MembershipRow>(trx, membershipBase, {
            of: sql`x.person_id = any(${live}::uuid[])`,
          }),
          (m) => m.person_id,
        )
      : new Map<string, MembershipRow[]>();
    const out: OparlObject[] = [];
    for (const row of rows) {
      const id = urls.object(bodyId, 'person', row.id);
      if (row.deleted) {
        out.push(tombstone(id, typeOf('person'), row) as OparlObject);
        continue;
      }
      const own = (memberships.get(row.id) ?? []).sort((a, b) => a.von.localeCompare(b.von));
      out.push(
        compact({
          id,
          type: typeOf('person'),
          body: urls.body(bodyId),
          name: [row.titel, row.vorname, row.familienname].filter(Boolean).join(' '),
          familyName: row.familienname,
          givenName: row.vorname,
          title: row.titel ? [row.titel] : null,
          membership: embed ? await renderMemberships(own, ctx) : null,
          ...stamps(row),
        }) as OparlObject,
      );
    }
    return out;
  },
});
