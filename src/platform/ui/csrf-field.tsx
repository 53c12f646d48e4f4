/** Whose CSRF token a form carries: the signed-in person's (Principal), or a token given as is (login). */
type CsrfSource = { principal?: { csrfToken?: string | null } | null; token?: string | null };

const tokenOf = ({ principal, token }: CsrfSource) => token ?? principal?.csrfToken ?? '';

/** The hidden `_csrf` field every state-changing form of a signed-in person carries. */
export function CsrfField(source: CsrfSource) {
  return <input type="hidden" name="_csrf" value={tokenOf(source)} />;
}

/**
 * The token as a query parameter (`_csrf=…`), for multipart forms: their body is checked after
 * the CSRF middleware has run, so the token travels in the action URL.
 */
export const csrfQuery = (source: CsrfSource) => `_csrf=${encodeURIComponent(tokenOf(source))}`;
