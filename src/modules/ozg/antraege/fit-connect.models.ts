import type { Leistung } from '../leistungen/leistungen.models.ts';

/** The FIT-Connect submission metadata (schema v1.0.0) of an Antrag. */
export function fitConnectMetadata(args: {
  leistung: Pick<Leistung, 'leika' | 'name'>;
  nummer: string;
  eingang: Date;
  dataSha512: string;
  formular: { id: string; version: number } | null;
  anlagen: Array<{ attachmentId: string; sha512: string; dateiname: string; mime: string; zweck: string }>;
  email?: string | null;
}) {
  return {
    publicServiceType: {
      name: args.leistung.name,
      identifier: `urn:de:fim:leika:leistung:${args.leistung.leika}`,
    },
    contentStructure: {
      data: {
        hash: { type: 'sha512', content: args.dataSha512 },
        submissionSchema: {
          schemaUri: args.formular
            ? `urn:verbund:formular:${encodeURIComponent(args.formular.id)}:${args.formular.version}`
            : 'urn:verbund:formular:ohne',
          mimeType: 'application/json',
        },
      },
      attachments: args.anlagen.map((a) => ({
        hash: { type: 'sha512', content: a.sha512 },
        purpose: a.zweck === 'form' ? 'form' : 'attachment',
        filename: a.dateiname,
        mimeType: a.mime,
        attachmentId: a.attachmentId,
      })),
    },
    ...(args.email ? { replyChannel: { eMail: { address: args.email } } } : {}),
    additionalReferenceInfo: {
      senderReference: args.nummer,
      applicationDate: args.eingang.toISOString().slice(0, 10),
    },
  };
}
