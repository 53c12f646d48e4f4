/**
 * Whether a PDF carries a digital signature. The signature dictionary's /ByteRange and /Contents
 * must lie in the file's plain bytes (the byte range is computed around /Contents, so it can
 * never sit in a compressed object stream): a scan of the raw bytes finds every signature.
 * OCRmyPDF 14 would rewrite such a file and break the signature; it is never rewritten.
 */
export function hasDigitalSignature(bytes: Buffer) {
  const marker = Buffer.from('/ByteRange');
  for (let at = bytes.indexOf(marker); at >= 0; at = bytes.indexOf(marker, at + marker.length)) {
    const around = bytes.subarray(Math.max(0, at - 2048), at + 2048).toString('latin1');
    if (/\/Contents\s*</.test(around)) return true;
  }
  return false;
}

/** Whether the text layer of a PDF looks broken: mostly symbols, replacement or private-use characters. */
export function looksBroken(text: string) {
  const sample = text.slice(0, 20_000).replace(/\s+/g, '');
  if (sample.length < 40) return false;
  const letters = (sample.match(/[\p{L}\p{N}]/gu) ?? []).length;
  const junk = (sample.match(/[\uFFFD\uE000-\uF8FF]/g) ?? []).length;
  return junk / sample.length > 0.1 || letters / sample.length < 0.5;
}
