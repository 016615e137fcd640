import { rollup } from 'rollup';
import { brotliCompressSync, constants } from 'node:zlib';
const configs = (await import('./rollup.config.mjs?' + Date.now())).default;
for (const file of ['dist/waymark.iife.js']) {
  const c = configs.find((x) => x.output.file === file);
  const bundle = await rollup({ ...c, onwarn: () => {} });
  const { output } = await bundle.generate(c.output);
  const code = output[0].code;
  console.log(file, code.length, brotliCompressSync(code, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length, JSON.stringify(code.slice(-3)));
}
