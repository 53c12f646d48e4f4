/** A county's activation of a service and the Akte its Anträge are filed in. */
export type Activation = {
  aktiv: boolean;
  akte_id: string | null;
  zustaendig_oe_id: string | null;
  akte_status: 'offen' | 'zda' | null;
  unit_id: string | null;
  vertraulichkeit: 'offen' | 'intern' | 'vertraulich' | null;
  aktenzeichen: string | null;
  akte_titel: string | null;
  kennzeichen: string | null;
};

/** An activation that can take Anträge: active, with an Akte to file into. */
export type FilingActivation = {
  aktiv: true;
  akte_id: string;
  zustaendig_oe_id: string | null;
  akte_status: 'offen' | 'zda';
  unit_id: string;
  vertraulichkeit: 'offen' | 'intern' | 'vertraulich';
  aktenzeichen: string;
  akte_titel: string;
  kennzeichen: string;
};

/** The activation if the service is active and has an Akte to file into. */
export const filingActivation = (activation: Activation | undefined) =>
  activation?.aktiv && activation.akte_id && activation.unit_id && activation.akte_status
    ? (activation as FilingActivation)
    : undefined;
