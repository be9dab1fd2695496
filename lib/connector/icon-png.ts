import { deflateSync } from "node:zlib";
import { connectorInfo } from "./connector-info";

// The connector's icon.png, drawn here rather than committed as a binary: Power Platform's
// guidance for connector icons is a square PNG of 100–230 px on an opaque, non-white background
// that matches apiProperties' iconBrandColor, well under 1 MB. A white glyph of three rising bars
// (audiences growing) on the brand colour; a few KB.

export const ICON_SIZE = 230;

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

const crc32 = (bytes: Buffer) => {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

const chunk = (type: string, data: Buffer) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

const rgbOf = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

/** Is (x, y) on the glyph: three bars of rising height standing on a common base line. */
const onGlyph = (x: number, y: number) => {
  const base = 170;
  const bars = [
    { left: 55, height: 50 },
    { left: 98, height: 85 },
    { left: 141, height: 120 },
  ];
  return bars.some((bar) => x >= bar.left && x < bar.left + 34 && y < base && y >= base - bar.height) || (y >= base + 8 && y < base + 16 && x >= 45 && x < 185);
};

export const renderIconPng = (size = ICON_SIZE, brandColor: string = connectorInfo.iconBrandColor): Buffer => {
  const [r, g, b] = rgbOf(brandColor);
  const scale = ICON_SIZE / size;
  // One filter byte (0: none) before every scanline of RGB pixels.
  const raw = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 3);
    for (let x = 0; x < size; x++) {
      const white = onGlyph(Math.floor(x * scale), Math.floor(y * scale));
      raw.set(white ? [255, 255, 255] : [r, g, b], row + 1 + x * 3);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit depth, truecolour (RGB), deflate, adaptive filtering, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
};
