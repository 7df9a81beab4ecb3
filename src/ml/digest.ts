/**
 * Dataset digests for MLflow's dataset input. FNV-1a 64 rather than crypto.subtle's SHA-256: it is synchronous
 * (no async in the data path), fast enough for a million rows, identical in Node and browsers, and a digest here
 * only has to tell datasets apart, not resist an attacker. MLflow itself uses a truncated md5 for the same job.
 */
import { numRows, type Dataset } from './dataset';

/** Bumped if the hashed layout changes, so old and new digests of the same data never collide by accident. */
const DIGEST_LAYOUT = 'tabflow-dataset-v1';

/**
 * An incremental FNV-1a 64 hash. JavaScript numbers cannot hold 64-bit products, so the state is four 16-bit
 * limbs and the multiply by the FNV prime 2^40 + 0x1b3 is done limb by limb.
 */
export class Fnv1a64 {
  private h0 = 0x2325;
  private h1 = 0x8422;
  private h2 = 0x9ce4;
  private h3 = 0xcbf2;

  update(bytes: Uint8Array): this {
    let { h0, h1, h2, h3 } = this;
    for (let i = 0; i < bytes.length; i++) {
      h0 ^= bytes[i];
      const t0 = h0 * 0x1b3;
      let t1 = h1 * 0x1b3;
      let t2 = h2 * 0x1b3 + h0 * 0x100;
      let t3 = h3 * 0x1b3 + h1 * 0x100;
      t1 += t0 >>> 16;
      t2 += t1 >>> 16;
      t3 += t2 >>> 16;
      h0 = t0 & 0xffff;
      h1 = t1 & 0xffff;
      h2 = t2 & 0xffff;
      h3 = t3 & 0xffff;
    }
    this.h0 = h0;
    this.h1 = h1;
    this.h2 = h2;
    this.h3 = h3;
    return this;
  }

  /** 16 lowercase hex digits. */
  hex(): string {
    return [this.h3, this.h2, this.h1, this.h0].map((limb) => limb.toString(16).padStart(4, '0')).join('');
  }
}

function bytesOf(array: Float32Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/**
 * The digest of a dataset's content: its shape, task, column names and class labels, then the bytes of x and y
 * (little-endian float32, which is every browser's and Node's byte order). The name is left out, as in MLflow:
 * the same table under two names is the same data.
 */
export function datasetDigest(ds: Dataset): string {
  const header = [
    DIGEST_LAYOUT,
    ds.task,
    numRows(ds),
    ds.featureNames.join('\t'),
    ds.targetName,
    ds.classLabels.join(','),
  ];
  return new Fnv1a64()
    .update(new TextEncoder().encode(header.join('\n') + '\n'))
    .update(bytesOf(ds.x))
    .update(bytesOf(ds.y))
    .hex();
}
