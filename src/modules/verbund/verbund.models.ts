/** The one Zweckvereinbarung of the Verbund (interkommunales Serviceteam E-Government). */
export const AGREEMENT_ID = 'zv-serviceteam-egov';
