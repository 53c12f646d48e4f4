/**
 * What the direct Tesseract path reads from a page's hOCR: the word confidences (for the mean
 * confidence of the document), the page's orientation (Tesseract's own orientation detection in
 * page segmentation mode 1 marks lines of a turned page with `textangle 90/180/270`) and its skew
 * (the slope of the text lines' baselines).
 */
export type HocrPage = {
  /** Sum and count of the words' `x_wconf` (0–100). */
  confidenceSum: number;
  words: number;
  /** Clockwise turn that makes the page upright: 0, 90, 180 or 270 (the PDF page's /Rotate). */
  rotate: 0 | 90 | 180 | 270;
  /**
   * Skew of the text lines in degrees, counter-clockwise positive as seen upright (PDF space);
   * turning the page by −skew straightens it. 0 when there are too few long lines to tell.
   */
  skewDegrees: number;
  /** Page width in pixels (lines shorter than a fifth of it do not vote on the skew). */
  width: number;
};

const ANGLES = [0, 90, 180, 270] as const;

export function parseHocrPage(hocr: string): HocrPage {
  let confidenceSum = 0;
  let words = 0;
  for (const match of hocr.matchAll(/x_wconf (\d{1,3})/g)) {
    confidenceSum += Number(match[1]);
    words++;
  }
  const page = /class=['"]ocr_page['"][^>]*bbox \d+ \d+ (\d+) (\d+)/.exec(hocr);
  const width = Number(page?.[1] ?? 0);
  // Votes per orientation (each line weighted by its length) and the angle of each long line.
  const votes = new Map<number, number>();
  const lines: Array<{ angle: number; weight: number; textangle: number }> = [];
  const starts = [...hocr.matchAll(/class=['"]ocr_(?:line|textfloat|header|caption)['"]/g)].map(
    (m) => m.index,
  );
  starts.forEach((at, i) => {
    const segment = hocr.slice(at, starts[i + 1] ?? hocr.length);
    const head =
      /title=["']bbox (\d+) (\d+) (\d+) (\d+)(?:; baseline (-?[\d.]+) -?[\d.]+)?(?:; textangle (\d+))?/.exec(
        segment,
      );
    if (!head) return;
    const [x0, y0, x1, y1] = [1, 2, 3, 4].map((n) => Number(head[n]));
    const textangle = Number(head[6] ?? 0);
    const upright = textangle === 0 || textangle === 180;
    const length = upright ? x1! - x0! : y1! - y0!;
    votes.set(textangle, (votes.get(textangle) ?? 0) + length);
    if (length < width / 5) return;
    const angle = head[5] !== undefined ? -Math.atan(Number(head[5])) : lineAngle(segment, upright);
    if (angle !== null && Number.isFinite(angle))
      lines.push({ angle: (angle * 180) / Math.PI, weight: length, textangle });
  });
  let textangle = 0;
  for (const [angle, weight] of votes) if (weight > (votes.get(textangle) ?? 0)) textangle = angle;
  const rotate = ANGLES.find((angle) => angle === textangle) ?? 0;
  return {
    confidenceSum,
    words,
    rotate,
    skewDegrees: weightedMedian(lines.filter((line) => line.textangle === textangle)),
    width,
  };
}

/**
 * The angle of a line without a baseline (Tesseract gives none for turned lines) from its words'
 * centres: a least-squares line through them. In image coordinates (y down), a line skewed by α
 * (counter-clockwise, upright) runs with dy/dx = −tan α when upright or upside down, and with
 * dx/dy = tan α when turned by 90° either way (2D turns commute, so α is the same in every frame).
 */
function lineAngle(segment: string, upright: boolean) {
  const centres = [...segment.matchAll(/ocrx_word['"][^>]*title=['"]bbox (\d+) (\d+) (\d+) (\d+)/g)].map(
    (m) => ({ x: (Number(m[1]) + Number(m[3])) / 2, y: (Number(m[2]) + Number(m[4])) / 2 }),
  );
  if (centres.length < 3) return null;
  const along = centres.map((c) => (upright ? c.x : c.y));
  const across = centres.map((c) => (upright ? c.y : c.x));
  const meanA = along.reduce((a, b) => a + b, 0) / along.length;
  const meanB = across.reduce((a, b) => a + b, 0) / across.length;
  let num = 0;
  let den = 0;
  along.forEach((a, i) => {
    num += (a - meanA) * (across[i]! - meanB);
    den += (a - meanA) ** 2;
  });
  if (den === 0) return null;
  const slope = num / den;
  return upright ? -Math.atan(slope) : Math.atan(slope);
}

/** The weighted median of the lines' angles (robust against a few crooked lines); 0 with fewer than 3. */
function weightedMedian(lines: Array<{ angle: number; weight: number }>) {
  if (lines.length < 3) return 0;
  const sorted = [...lines].sort((a, b) => a.angle - b.angle);
  const half = sorted.reduce((sum, line) => sum + line.weight, 0) / 2;
  let seen = 0;
  for (const line of sorted) {
    seen += line.weight;
    if (seen >= half) return Math.round(line.angle * 100) / 100;
  }
  return 0;
}
