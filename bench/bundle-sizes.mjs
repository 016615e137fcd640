// Sizes of a script as a browser would fetch it: as is (min), gzip -9 and brotli -11 (shared by the size benches).
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** @returns {{ min: number, gzip: number, brotli: number }} bytes */
export const sizes = (code) => {
  const buf = Buffer.from(code);
  return {
    min: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};
