/** sitemap.xml (sitemaps.org 0.9) of the public council pages: an index, and a sitemap per county. */

/** A sitemap holds at most 50,000 URLs; a county's is split into pages of this many. */
export const SITEMAP_PAGE = 40_000;

const xmlEscape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!,
  );

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';

export function sitemapIndex(sitemaps: string[]) {
  const entries = sitemaps.map((loc) => `<sitemap><loc>${xmlEscape(loc)}</loc></sitemap>`).join('\n');
  return `${HEAD}<sitemapindex xmlns="${NS}">\n${entries}\n</sitemapindex>\n`;
}

export function urlSet(urls: Array<{ loc: string; lastmod?: Date | null }>) {
  const entries = urls
    .map(
      (u) =>
        `<url><loc>${xmlEscape(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod.toISOString().slice(0, 10)}</lastmod>` : ''}</url>`,
    )
    .join('\n');
  return `${HEAD}<urlset xmlns="${NS}">\n${entries}\n</urlset>\n`;
}
