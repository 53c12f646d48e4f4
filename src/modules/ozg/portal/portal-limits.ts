import { rateLimit } from '../../../platform/http/rate-limit.ts';

/** The portal's rate limits per client address (VERBUND_RATE_*). */
export type PortalLimits = ReturnType<typeof portalLimits>;

// Starting and sending Anträge, saving pages with attachments, and every request that names a
// tracking code (the code is the only secret).
export const portalLimits = () => ({
  start: rateLimit({ bucket: 'portal_start', rule: (l) => l.portalSubmit }),
  submit: rateLimit({ bucket: 'portal_submit', rule: (l) => l.portalSubmit }),
  upload: rateLimit({ bucket: 'portal_upload', rule: (l) => l.portalUpload }),
  tracking: rateLimit({ bucket: 'tracking', rule: (l) => l.tracking }),
});
