import path from 'node:path';

export type ContentType = { mime: string; extension: string };

const startsWith = (head: Buffer, bytes: number[] | string, offset = 0) => {
  const sig = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
  return head.length >= offset + sig.length && head.subarray(offset, offset + sig.length).equals(sig);
};

const MAIL_HEADER =
  /^(received|from|to|subject|date|return-path|mime-version|message-id|delivered-to|reply-to|x-[\w-]+|content-type):/i;

function looksLikeMail(text: string) {
  const lines = text.split(/\r?\n/);
  let headers = 0;
  for (const line of lines.slice(0, 60)) {
    if (line === '') return headers >= 2;
    if (/^[ \t]/.test(line)) continue;
    if (MAIL_HEADER.test(line)) headers++;
    else if (!/^[\x21-\x39\x3b-\x7e]+:/.test(line)) return false;
  }
  return headers >= 3;
}

function isUtf8(head: Buffer) {
  // The head may end in the middle of a multi-byte sequence: allow up to 3 trailing bytes.
  for (let cut = 0; cut <= 3 && cut < head.length + 1; cut++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, head.length - cut));
      return true;
    } catch {}
  }
  return false;
}

function mostlyText(head: Buffer) {
  if (head.length === 0) return false;
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return false;
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20) || byte === 0x7f) control++;
  }
  return control / head.length < 0.02;
}

/**
 * Detects the type from the first bytes of the content (magic numbers), never from the name.
 * The name only refines among text formats (.csv, .md) — a PDF called bild.png is a PDF.
 */
export function detectContentType(head: Buffer, fileName = ''): ContentType {
  const ext = path.extname(fileName).toLowerCase();
  if (startsWith(head, '%PDF-')) return { mime: 'application/pdf', extension: 'pdf' };
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { mime: 'image/png', extension: 'png' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', extension: 'jpg' };
  if (startsWith(head, 'GIF87a') || startsWith(head, 'GIF89a'))
    return { mime: 'image/gif', extension: 'gif' };
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a]))
    return { mime: 'image/tiff', extension: 'tif' };
  if (startsWith(head, 'PK\x03\x04')) {
    const text = head.toString('latin1');
    if (startsWith(head, 'mimetype', 30) && text.includes('application/vnd.oasis.opendocument.text'))
      return { mime: 'application/vnd.oasis.opendocument.text', extension: 'odt' };
    if (text.includes('word/') || (text.includes('[Content_Types].xml') && ext === '.docx'))
      return {
        mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        extension: 'docx',
      };
    if (
      text.includes('[Content_Types].xml') &&
      !text.includes('xl/') &&
      !text.includes('ppt/') &&
      ext !== '.xlsx' &&
      ext !== '.pptx'
    )
      return {
        mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        extension: 'docx',
      };
    return { mime: 'application/zip', extension: 'zip' };
  }
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    return { mime: 'application/x-ole-storage', extension: 'bin' };
  const text = head.toString(isUtf8(head) ? 'utf8' : 'latin1').replace(/^\uFEFF/, '');
  if (
    mostlyText(head.subarray(startsWith(head, [0xef, 0xbb, 0xbf]) ? 3 : 0)) ||
    (head.length > 0 && isUtf8(head) && !head.includes(0))
  ) {
    const trimmed = text.trimStart().toLowerCase();
    if (trimmed.startsWith('<!doctype html') || trimmed.startsWith('<html'))
      return { mime: 'text/html', extension: 'html' };
    if (looksLikeMail(text)) return { mime: 'message/rfc822', extension: 'eml' };
    if (ext === '.csv') return { mime: 'text/csv', extension: 'csv' };
    if (ext === '.md' || ext === '.markdown') return { mime: 'text/markdown', extension: 'md' };
    if (trimmed.startsWith('<?xml')) return { mime: 'application/xml', extension: 'xml' };
    return { mime: 'text/plain', extension: 'txt' };
  }
  return { mime: 'application/octet-stream', extension: 'bin' };
}

/**
 * A file name safe to store and to send in Content-Disposition: no directories, no control or
 * reserved characters, no leading dots, NFC, at most 150 bytes (extension kept), never empty.
 */
export function safeFileName(name: string, fallbackExtension: string): string {
  let base = (name ?? '').normalize('NFC');
  base = base.split(/[\\/]/).pop() ?? '';
  base = base
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    .replace(/\.{2,}/g, '.')
    .replace(/^[.\s]+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!base || base === '.') return `dokument.${fallbackExtension}`;
  const ext = path.extname(base);
  let stem = ext ? base.slice(0, -ext.length) : base;
  const safeExt = /^\.[\p{L}\p{N}]{1,10}$/u.test(ext) ? ext : '';
  if (!safeExt && ext) stem = base;
  while (Buffer.byteLength(stem + safeExt) > 150) stem = [...stem].slice(0, -1).join('');
  stem = stem.trim() || 'dokument';
  return `${stem}${safeExt || `.${fallbackExtension}`}`;
}
