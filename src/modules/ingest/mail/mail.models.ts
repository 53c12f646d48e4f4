// Pure rules of e-mail intake: addresses, sender allow-lists, SPF/DKIM from Authentication-Results.

export const normalizeAddress = (address: string) => address.trim().toLowerCase();

/** Whether a sender may write to an intake: empty list = everyone; entries are addresses or `@domain`. */
export function senderAllowed(allowed: string[], sender: string) {
  if (allowed.length === 0) return true;
  const address = normalizeAddress(sender);
  const domain = address.slice(address.lastIndexOf('@'));
  return allowed.some((entry) => {
    const e = normalizeAddress(entry);
    return e.startsWith('@') ? domain === e : address === e;
  });
}

/**
 * SPF and DKIM verdicts from `Authentication-Results` headers (RFC 8601) as the receiving MTA wrote
 * them: `spf=pass smtp.mailfrom=…; dkim=fail header.d=…`. The first verdict of each method counts;
 * none: null (not checked upstream).
 */
export function authenticationResults(headers: string[]) {
  const verdict = (method: 'spf' | 'dkim' | 'dmarc') => {
    for (const header of headers) {
      const match = new RegExp(`(?:^|[;\\s])${method}=([a-z]+)`, 'i').exec(header);
      if (match) return match[1]!.toLowerCase();
    }
    return null;
  };
  return { spf: verdict('spf'), dkim: verdict('dkim'), dmarc: verdict('dmarc') };
}
