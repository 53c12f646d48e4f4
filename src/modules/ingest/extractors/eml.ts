import PostalMime from 'postal-mime';
import { detectContentType, safeFileName } from '../content-type.ts';
import { ExtractionError, type Extractor } from './extractor.ts';
import { htmlToText } from './html.ts';

/** E-mail (.eml): headers and body as text; attachments are returned to be filed as documents. */
export const emlExtractor: Extractor = {
  name: 'eml',
  accepts: (mime) => mime === 'message/rfc822',
  async extract({ bytes }) {
    let mail: Awaited<ReturnType<typeof PostalMime.parse>>;
    try {
      mail = await PostalMime.parse(bytes);
    } catch {
      throw new ExtractionError(
        'eml.malformed',
        'Die E-Mail-Datei ist beschädigt und kann nicht gelesen werden.',
      );
    }
    const address = (a?: { name?: string; address?: string } | null) =>
      a ? [a.name, a.address ? `<${a.address}>` : ''].filter(Boolean).join(' ') : '';
    const to = (mail.to ?? []).map((a) => address(a as { name?: string; address?: string })).join(', ');
    const body = mail.text?.trim() || (mail.html ? htmlToText(mail.html) : '');
    const text = [
      `Betreff: ${mail.subject ?? ''}`,
      `Von: ${address(mail.from as { name?: string; address?: string })}`,
      to ? `An: ${to}` : '',
      mail.date ? `Datum: ${mail.date}` : '',
      '',
      body,
    ]
      .filter((line, i) => line !== '' || i === 4)
      .join('\n');
    const attachments = (mail.attachments ?? []).slice(0, 50).map((a, i) => {
      const content =
        typeof a.content === 'string'
          ? Buffer.from(a.content, 'utf8')
          : Buffer.from(a.content as ArrayBuffer);
      const type = detectContentType(content.subarray(0, 4096), a.filename ?? '');
      return {
        fileName: safeFileName(a.filename ?? `anlage-${i + 1}.${type.extension}`, type.extension),
        mime: type.mime,
        bytes: content,
      };
    });
    return {
      text,
      extractor: 'eml',
      attachments,
      metadata: { subject: mail.subject ?? '', from: mail.from?.address ?? '', date: mail.date ?? '' },
    };
  },
};
