// Writes .br and .gz copies of the built site's JS, WebAssembly and CSS so the
// server can send them compressed without compressing on every request, and
// prints the bundle's sizes.
//
//   node scripts/precompress.mjs target/site/pkg
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, extname } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const dir = process.argv[2] ?? 'target/site/pkg';
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const rows = [];

for (const name of readdirSync(dir)) {
  if (!['.js', '.wasm', '.css'].includes(extname(name))) continue;
  const path = join(dir, name);
  const raw = readFileSync(path);
  const br = brotliCompressSync(raw, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
    },
  });
  const gz = gzipSync(raw, { level: 9 });
  writeFileSync(`${path}.br`, br);
  writeFileSync(`${path}.gz`, gz);
  rows.push({ file: name, raw: raw.length, gzip: gz.length, brotli: br.length });
}

if (rows.length === 0) {
  console.error(`precompress: no built assets in ${dir}`);
  process.exit(1);
}
for (const r of rows.sort((a, b) => a.file.localeCompare(b.file))) {
  console.log(
    `${r.file.padEnd(16)} raw ${kib(r.raw).padStart(10)}  gzip ${kib(r.gzip).padStart(10)}  brotli ${kib(r.brotli).padStart(10)}`,
  );
}
