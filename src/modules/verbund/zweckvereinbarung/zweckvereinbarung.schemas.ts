import { z } from '@hono/zod-openapi';
import { memberSchema, toMember } from '../mitglieder/mitglieder.schemas.ts';
import type { ZweckvereinbarungUsecases } from './zweckvereinbarung.usecases.ts';

export const verbundSchema = z
  .object({
    agreement: z
      .object({
        id: z.string(),
        title: z.string(),
        kind: z.string(),
        basis: z.string(),
        concludedOn: z.string(),
        purpose: z.string(),
      })
      .nullable(),
    members: z.array(
      memberSchema.extend({ memberSince: z.string().nullable(), viaAmendment: z.number().nullable() }),
    ),
    amendments: z.array(
      z.object({
        number: z.number(),
        title: z.string(),
        drucksache: z.string(),
        resolvedBy: z.string(),
        resolvedOn: z.string(),
        summary: z.string(),
        joiningTenantId: z.string().nullable(),
      }),
    ),
  })
  .openapi('Verbund');

/** The API's view of the Verbund: each member with its membership in the Zweckvereinbarung. */
export function toVerbund({
  members,
  agreement,
  amendments,
  memberships,
}: Awaited<ReturnType<ZweckvereinbarungUsecases['getVerbund']>>) {
  return {
    agreement: agreement
      ? {
          id: agreement.id,
          title: agreement.title,
          kind: agreement.kind,
          basis: agreement.basis,
          concludedOn: agreement.concluded_on,
          purpose: agreement.purpose,
        }
      : null,
    members: members.map((m) => {
      const membership = memberships.find((x) => x.member_id === m.id);
      return {
        ...toMember(m),
        memberSince: membership?.member_since ?? null,
        viaAmendment: membership?.via_amendment ?? null,
      };
    }),
    amendments: amendments.map((a) => ({
      number: a.number,
      title: a.title,
      drucksache: a.drucksache,
      resolvedBy: a.resolved_by,
      resolvedOn: a.resolved_on,
      summary: a.summary,
      joiningTenantId: a.joining_tenant_id,
    })),
  };
}
