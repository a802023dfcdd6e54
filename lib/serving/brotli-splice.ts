/**
 * Brotli for a cached page whose only changing part is a short value spliced in per request
 * (the 浏览量 of a report page) — the brotli counterpart of gzip-splice.ts.
 *
 * The page is compressed once with a placeholder where the value goes, flushing the encoder
 * before and after each placeholder so that every part ends on a byte boundary (RFC 7932). Per
 * request, each compressed placeholder is replaced by an uncompressed meta-block holding the
 * value, which has the placeholder's length, so every backward distance still points at the
 * same bytes. That is sound because
 *   - the placeholder's bytes (control characters) occur nowhere else in the page, so no
 *     backward reference of the page can copy from it, and it is encoded as literals only (the
 *     decoder's distance ring buffer is the same with or without it);
 *   - literal context modelling is off, so how a literal is coded does not depend on the two
 *     bytes before it (which differ between placeholder and value).
 * Each template is decoded once with a test value when it is built; one that does not come out
 * exactly is not used (the page then goes out as gzip).
 *
 * The value's length is part of the template: a page keeps one template per number of digits.
 */
import { brotliDecompressSync, constants, createBrotliCompress } from "node:zlib";

export interface BrotliTemplate {
  readonly valueLength: number;
  /** Compressed parts, in order; the value goes between each two of them. The last ends the stream. */
  readonly segments: readonly Buffer[];
}

const MAX_VALUE_LENGTH = 12;

/**
 * Bytes an HTML page in UTF-8 does not contain: control characters other than tab, line feed,
 * form feed and carriage return, DEL, and the bytes that never occur in UTF-8.
 */
const PLACEHOLDER_BYTES = [
  ...[0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0b],
  ...Array.from({ length: 0x20 - 0x0e }, (_, i) => 0x0e + i),
  0x7f,
  0xc0,
  0xc1,
  ...Array.from({ length: 0x100 - 0xf5 }, (_, i) => 0xf5 + i),
];

/** The placeholder of the gap-th gap: bytes used once in all the placeholders of a page. */
function placeholder(gap: number, length: number): Buffer | null {
  const first = gap * MAX_VALUE_LENGTH;
  if (first + length > PLACEHOLDER_BYTES.length) return null;
  return Buffer.from(PLACEHOLDER_BYTES.slice(first, first + length));
}

/** The placeholders for this page, or null if some byte of theirs appears in it after all. */
function placeholdersFor(parts: readonly Buffer[], valueLength: number): Buffer[] | null {
  const placeholders: Buffer[] = [];
  for (let gap = 0; gap < parts.length - 1; gap++) {
    const bytes = placeholder(gap, valueLength);
    if (!bytes) return null;
    for (const byte of bytes) if (parts.some((part) => part.includes(byte))) return null;
    placeholders.push(bytes);
  }
  return placeholders;
}

export async function brotliTemplate(parts: readonly Buffer[], valueLength: number): Promise<BrotliTemplate | null> {
  if (valueLength > MAX_VALUE_LENGTH || (parts.length > 1 && valueLength < 1)) return null;
  const placeholders = placeholdersFor(parts, valueLength);
  if (!placeholders) return null;
  const total = parts.reduce((n, part) => n + part.length, 0);
  const encoder = createBrotliCompress({
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING]: 1,
      [constants.BROTLI_PARAM_SIZE_HINT]: total,
    },
  });
  let pending: Buffer[] = [];
  encoder.on("data", (chunk: Buffer) => pending.push(chunk));
  const take = () => {
    const out = Buffer.concat(pending);
    pending = [];
    return out;
  };
  const flushed = (input: Buffer) =>
    new Promise<Buffer>((resolve) => {
      encoder.write(input);
      encoder.flush(constants.BROTLI_OPERATION_FLUSH, () => resolve(take()));
    });

  const segments: Buffer[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) await flushed(placeholders[i - 1]!); // replaced per request
    segments.push(await flushed(parts[i]!));
  }
  const end = await new Promise<Buffer>((resolve, reject) => {
    encoder.on("end", () => resolve(take()));
    encoder.on("error", reject);
    encoder.end();
  });
  segments[segments.length - 1] = Buffer.concat([segments[segments.length - 1]!, end]);

  const template: BrotliTemplate = { valueLength, segments };
  return decodesExactly(template, parts) ? template : null;
}

function decodesExactly(template: BrotliTemplate, parts: readonly Buffer[]): boolean {
  for (const digit of ["0", "9"]) {
    const value = Buffer.from(digit.repeat(template.valueLength));
    const expected = Buffer.concat(parts.flatMap((part, i) => (i > 0 ? [value, part] : [part])));
    try {
      if (!brotliDecompressSync(Buffer.concat(brotliWithValue(template, value))).equals(expected)) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/**
 * An uncompressed meta-block holding `value`: ISLAST 0, MNIBBLES 4, MLEN-1 in 16 bits,
 * ISUNCOMPRESSED 1, then padding to the byte boundary (24 bits in all), then the bytes.
 */
function uncompressedMetaBlock(value: Buffer): Buffer {
  const header = ((value.length - 1) << 3) | (1 << 19);
  const block = Buffer.allocUnsafe(3 + value.length);
  block[0] = header & 0xff;
  block[1] = (header >>> 8) & 0xff;
  block[2] = (header >>> 16) & 0xff;
  value.copy(block, 3);
  return block;
}

/** The brotli body of `parts[0] ‖ value ‖ parts[1] ‖ …`, as chunks to write in order. */
export function brotliWithValue(template: BrotliTemplate, value: Buffer): Buffer[] {
  if (value.length !== template.valueLength) throw new Error("brotli template: value of another length");
  const filler = uncompressedMetaBlock(value);
  return template.segments.flatMap((segment, i) => (i > 0 ? [filler, segment] : [segment]));
}
