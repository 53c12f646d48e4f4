import type { Db } from '../database/database.ts';

/** One artifact the Verbund shares: a Leistung, a form, a connector definition, a filing-plan unit … */
export type SharedArtifact = {
  id: string;
  label: string;
  /** The county that built it (null = the Verbund as a whole). */
  ownerTenantId: string | null;
  /** YYYY-MM-DD: since when it is shared. */
  sharedSince: string;
};

/**
 * A kind of shared artifact. A module registers its kinds in the composition root (like an
 * onboarding hook), and reuse reporting lists every registered kind without knowing the modules.
 */
export type ArtifactKind = {
  kind: string;
  label: string;
  /** The Verbund-level catalog of this kind (readable by every member). */
  list(db: Db): Promise<SharedArtifact[]>;
};

export function createArtifactRegistry() {
  const kinds: ArtifactKind[] = [];
  return {
    register(kind: ArtifactKind) {
      if (kinds.some((k) => k.kind === kind.kind))
        throw new Error(`artifact kind ${kind.kind} registered twice`);
      kinds.push(kind);
    },
    kinds: () => [...kinds],
  };
}

export type ArtifactRegistry = ReturnType<typeof createArtifactRegistry>;
