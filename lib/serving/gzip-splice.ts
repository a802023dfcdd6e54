/**
 * gzip for a cached page whose only changing part is a short value spliced in per request (the
 * 浏览量 of a report page): the fixed parts are compressed once, the value goes in as a tiny
 * stored deflate block, and the CRC-32 of the whole is combined from the parts' CRCs — so a
 * request costs a few small buffers and two dozen XORs, not a compression of the page.
 *
 * Each fixed part is its own raw deflate segment ending on a byte boundary (Z_FULL_FLUSH; the
 * last one is final), so segments and stored blocks can follow each other in one deflate
 * stream (RFC 1951); the gzip member around it (RFC 1952) carries the CRC-32 and length.
 */
import { constants, crc32, deflateRawSync } from "node:zlib";

/** A linear operator on CRC-32 values: the effect of appending a run of zero bytes. */
type CrcShift = Uint32Array<ArrayBuffer>;

const CRC32_POLYNOMIAL = 0xedb88320;

function apply(shift: CrcShift, crc: number): number {
  let result = 0;
  for (let bit = 0, rest = crc >>> 0; rest !== 0; bit++, rest >>>= 1) if (rest & 1) result ^= shift[bit]!;
  return result >>> 0;
}

/** `outer` after `inner`. */
function compose(outer: CrcShift, inner: CrcShift): CrcShift {
  const result = new Uint32Array(32);
  for (let bit = 0; bit < 32; bit++) result[bit] = apply(outer, inner[bit]!);
  return result;
}

const ONE_ZERO_BYTE: CrcShift = (() => {
  let shift: CrcShift = new Uint32Array(32);
  shift[0] = CRC32_POLYNOMIAL;
  for (let bit = 1; bit < 32; bit++) shift[bit] = 1 << (bit - 1);
  for (let i = 0; i < 3; i++) shift = compose(shift, shift); // 1 → 2 → 4 → 8 zero bits
  return shift;
})();

const shiftCache = new Map<number, CrcShift>();

/** The operator for `bytes` zero bytes (cached: the same few lengths recur). */
function zeroBytes(bytes: number): CrcShift {
  const cached = shiftCache.get(bytes);
  if (cached) return cached;
  let result: CrcShift | null = null;
  let power = ONE_ZERO_BYTE;
  for (let n = bytes; n > 0; n >>>= 1) {
    if (n & 1) result = result ? compose(power, result) : power;
    if (n > 1) power = compose(power, power);
  }
  const shift = result ?? Uint32Array.from({ length: 32 }, (_, bit) => 2 ** bit);
  if (shiftCache.size < 4096) shiftCache.set(bytes, shift);
  return shift;
}

/** CRC-32 of `a ‖ b` from the CRC-32 of each (zlib's crc32_combine). */
export function combineCrc32(crcA: number, crcB: number, lengthB: number): number {
  return (apply(zeroBytes(lengthB), crcA) ^ crcB) >>> 0;
}

export interface GzipTemplate {
  /** Raw deflate segments of the fixed parts; the last is final. */
  readonly segments: readonly Buffer[];
  readonly crcs: readonly number[];
  readonly lengths: readonly number[];
}

/** Compresses the fixed parts of a page once; the value goes between each two of them. */
export function gzipTemplate(parts: readonly Buffer[]): GzipTemplate {
  return {
    segments: parts.map((part, i) =>
      deflateRawSync(part, { level: 9, finishFlush: i === parts.length - 1 ? constants.Z_FINISH : constants.Z_FULL_FLUSH }),
    ),
    crcs: parts.map((part) => crc32(part)),
    lengths: parts.map((part) => part.length),
  };
}

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

/** A non-final stored deflate block holding `value` (at most 65,535 bytes). */
function storedBlock(value: Buffer): Buffer {
  const block = Buffer.allocUnsafe(5 + value.length);
  block[0] = 0; // BFINAL 0, BTYPE 00, padding to the byte boundary
  block.writeUInt16LE(value.length, 1);
  block.writeUInt16LE(~value.length & 0xffff, 3);
  value.copy(block, 5);
  return block;
}

/**
 * The gzip body of `parts[0] ‖ value ‖ parts[1] ‖ value ‖ …`, as chunks to write in order
 * (the cached segments are not copied).
 */
export function gzipWithValue(template: GzipTemplate, value: Buffer): Buffer[] {
  const filler = storedBlock(value);
  const valueCrc = crc32(value);
  const chunks: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let length = 0;
  template.segments.forEach((segment, i) => {
    if (i > 0) {
      chunks.push(filler);
      crc = combineCrc32(crc, valueCrc, value.length);
      length += value.length;
    }
    chunks.push(segment);
    crc = combineCrc32(crc, template.crcs[i]!, template.lengths[i]!);
    length += template.lengths[i]!;
  });
  const trailer = Buffer.allocUnsafe(8);
  trailer.writeUInt32LE(crc, 0);
  trailer.writeUInt32LE(length % 2 ** 32, 4);
  chunks.push(trailer);
  return chunks;
}
