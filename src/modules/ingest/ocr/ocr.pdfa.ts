import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  concatTransformationMatrix,
  degrees,
  PDFArray,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFString,
  popGraphicsState,
  pushGraphicsState,
} from 'pdf-lib';

const require = createRequire(import.meta.url);
/** The sRGB profile pdfkit ships for its own PDF/A output (src/platform/pdf/pdfa.ts). */
const SRGB = path.join(path.dirname(require.resolve('pdfkit')), 'data/sRGB_IEC61966_2_1.icc');
let srgb: Buffer | undefined;

export type PdfPagePart = {
  /** One page as Tesseract's `pdf` renderer wrote it: the image with an invisible text layer. */
  pdf: Buffer;
  /** Clockwise turn that makes the page upright (the page's /Rotate). */
  rotate: 0 | 90 | 180 | 270;
  /** Skew of the text in degrees (counter-clockwise positive); the page content is turned back by it. */
  skewDegrees: number;
  /** Page size in points when the image had no usable resolution (Tesseract guessed one); else null. */
  size: { width: number; height: number } | null;
};

/** Skews below this are noise of the estimate; above the upper bound the estimate is not trusted. */
const MIN_SKEW = 0.2;
const MAX_SKEW = 20;

/**
 * Joins the pages Tesseract wrote into one PDF/A-2b, without Ghostscript: each page keeps its image
 * bytes as they are (no resampling) and its text layer in Tesseract's embedded GlyphLessFont.
 * Rotation is the page's /Rotate; deskew turns the page content (image and text layer together)
 * by −skew about the page centre, so text and pixels stay aligned and nothing is resampled. PDF/A:
 * XMP with pdfaid part 2 conformance B, sRGB OutputIntent, document ID, Info matching the XMP.
 */
export async function assemblePdfA({
  pages,
  created = new Date(),
  producer,
}: {
  pages: PdfPagePart[];
  created?: Date;
  producer: string;
}) {
  const out = await PDFDocument.create({ updateMetadata: false });
  for (const part of pages) {
    const source = await PDFDocument.load(part.pdf, { updateMetadata: false });
    const copied = await out.copyPages(source, source.getPageIndices());
    for (const page of copied) {
      out.addPage(page);
      const before = page.getSize();
      const after = part.size ?? before;
      const skew = Math.abs(part.skewDegrees) >= MIN_SKEW && Math.abs(part.skewDegrees) <= MAX_SKEW;
      if (skew || part.size) {
        const ops = [pushGraphicsState()];
        if (skew) {
          const theta = (-part.skewDegrees * Math.PI) / 180;
          const [a, b] = [Math.cos(theta), Math.sin(theta)];
          const [cx, cy] = [after.width / 2, after.height / 2];
          ops.push(concatTransformationMatrix(a, b, -b, a, cx - a * cx + b * cy, cy - b * cx - a * cy));
        }
        if (part.size)
          ops.push(
            concatTransformationMatrix(after.width / before.width, 0, 0, after.height / before.height, 0, 0),
          );
        const start = out.context.register(out.context.contentStream(ops));
        const end = out.context.register(out.context.contentStream([popGraphicsState()]));
        // Tesseract writes one content stream; wrapping needs an array of streams.
        const contents = page.node.get(PDFName.of('Contents'));
        if (!(contents instanceof PDFArray))
          page.node.set(PDFName.of('Contents'), out.context.obj([contents!]));
        page.node.wrapContentStreams(start, end);
        page.setMediaBox(0, 0, after.width, after.height);
      }
      if (part.rotate) page.setRotation(degrees(part.rotate));
    }
  }
  markPdfA(out, { created, producer });
  // Without object streams: every dictionary readable in the plain bytes (as in PDF/A-1 and the tests).
  return Buffer.from(await out.save({ useObjectStreams: false }));
}

const CREATOR = 'Verbund E-Government (Texterkennung)';

function markPdfA(doc: PDFDocument, { created, producer }: { created: Date; producer: string }) {
  const { context, catalog } = doc;
  const iso = `${created.toISOString().slice(0, 19)}Z`;
  const pdfDate = `D:${iso.replace(/[-:T]/g, '').slice(0, 14)}Z`;
  const info = context.obj({
    Producer: PDFString.of(producer),
    Creator: PDFString.of(CREATOR),
    CreationDate: PDFString.of(pdfDate),
    ModDate: PDFString.of(pdfDate),
  });
  context.trailerInfo.Info = context.register(info);
  const xmp = `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
   <xmp:CreateDate>${iso}</xmp:CreateDate>
   <xmp:ModifyDate>${iso}</xmp:ModifyDate>
   <xmp:MetadataDate>${iso}</xmp:MetadataDate>
   <xmp:CreatorTool>${CREATOR}</xmp:CreatorTool>
   <pdf:Producer>${producer.replace(/[<&>]/g, '')}</pdf:Producer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
  // PDF/A: the metadata stream stays unfiltered, readable by tools that do not inflate.
  const metadata = context.stream(Buffer.from(xmp, 'utf8'), { Type: 'Metadata', Subtype: 'XML' });
  catalog.set(PDFName.of('Metadata'), context.register(metadata));
  srgb ??= readFileSync(SRGB);
  const profile = context.register(context.flateStream(srgb, { N: 3 }));
  const intent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
    Info: PDFString.of('sRGB IEC61966-2.1'),
    DestOutputProfile: profile,
  });
  catalog.set(PDFName.of('OutputIntents'), context.obj([intent]));
  const id = PDFHexString.of(randomBytes(16).toString('hex'));
  context.trailerInfo.ID = context.obj([id, id]);
}
