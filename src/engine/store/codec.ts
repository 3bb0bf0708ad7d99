import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, brotliCompressSync, brotliDecompressSync, constants, deflateRaw, deflateRawSync, inflateRawSync } from 'node:zlib';
import { SnapshotFormatError } from './errors.js';

/**
 * Every stored blob starts with one byte naming its encoding, so rows written today stay readable after the
 * default changes. Never renumber or edit these (or the dictionary): old databases hold them.
 */
export const BlobFormat = {
  raw: 0,
  deflate: 1,
  /** Raw deflate primed with HISTORY_DICTIONARY_V1: history rows are ~100 bytes, too short to find repeats alone. */
  deflateHistoryV1: 2,
  brotli: 3,
} as const;
export type BlobFormat = (typeof BlobFormat)[keyof typeof BlobFormat];

/** Words that history diffs repeat; deflate can point into this instead of spelling them out in every row. */
const HISTORY_DICTIONARY_V1 = Buffer.from(
  [
    '"metadata","labels","annotations","name","namespace","uid","ownerReferences","generation","creationTimestamp",',
    '"deletionTimestamp","app.kubernetes.io/name","app.kubernetes.io/instance","pod-template-hash","apiVersion","kind",',
    '"spec","replicas","template","containers","image","resources","requests","limits","cpu","memory","selector",',
    '"matchLabels","status","phase","Running","Pending","Succeeded","Failed","Unknown","conditions","type","Ready",',
    '"ContainersReady","PodScheduled","Initialized","True","False","lastTransitionTime","lastProbeTime","reason",',
    '"message","readyReplicas","availableReplicas","updatedReplicas","observedGeneration","unavailableReplicas",',
    '"containerStatuses","ready","started","restartCount","state","running","waiting","terminated","startedAt",',
    '"CrashLoopBackOff","exitCode","containerID","imageID","podIP","hostIP","nodeName","Deployment","ReplicaSet",',
    '"Pod","Service","apps/v1","v1","controller":true,"blockOwnerDeletion":true,["~",["status","phase"],',
    '["~",["spec","replicas"],["~",["status","replicas"],["~",["status","readyReplicas"],',
  ].join(''),
);

const BROTLI_QUALITY = 4;
const BROTLI_PARAMS = (length: number): Record<number, number> => ({
  [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
  [constants.BROTLI_PARAM_SIZE_HINT]: length,
});
const deflateRawAsync = promisify(deflateRaw);
/** Level 1: level 6 is ~3× slower for ~7% less, and a synchronous save runs on the extension host thread. */
const SNAPSHOT_DEFLATE = { level: 1 } as const;
const brotliCompressAsync = promisify(brotliCompress);

/** Compresses `bytes` and prefixes the format byte. Falls back to raw when compressing would not save anything. */
export function packBlob(bytes: Uint8Array, format: BlobFormat): Uint8Array {
  return withFormatByte(bytes, compress(bytes, format), format);
}

/** `packBlob` with the compression on libuv's thread pool: a 100K-object snapshot compresses without blocking. */
export async function packBlobOffThread(bytes: Uint8Array, format: BlobFormat): Promise<Uint8Array> {
  const body =
    format === BlobFormat.deflate
      ? await deflateRawAsync(bytes, SNAPSHOT_DEFLATE)
      : format === BlobFormat.brotli
        ? await brotliCompressAsync(bytes, { params: BROTLI_PARAMS(bytes.length) })
        : compress(bytes, format);
  return withFormatByte(bytes, body, format);
}

function withFormatByte(bytes: Uint8Array, body: Uint8Array, format: BlobFormat): Uint8Array {
  const chosen = body.length < bytes.length ? format : BlobFormat.raw;
  const payload = chosen === BlobFormat.raw ? bytes : body;
  const out = new Uint8Array(payload.length + 1);
  out[0] = chosen;
  out.set(payload, 1);
  return out;
}

/** The bytes `packBlob` was given. `maxBytes` bounds the output, so a hostile blob cannot exhaust memory. */
export function unpackBlob(blob: Uint8Array, maxBytes = 2 ** 31 - 1): Uint8Array {
  const format = blob[0];
  const body = blob.subarray(1);
  const limits = { maxOutputLength: maxBytes };
  try {
    switch (format) {
      case BlobFormat.raw:
        return body;
      case BlobFormat.deflate:
        return inflateRawSync(body, limits);
      case BlobFormat.deflateHistoryV1:
        return inflateRawSync(body, { ...limits, dictionary: HISTORY_DICTIONARY_V1 });
      case BlobFormat.brotli:
        return brotliDecompressSync(body, limits);
      default:
        throw new SnapshotFormatError(`Unknown blob format ${String(format)}.`);
    }
  } catch (error) {
    if (error instanceof SnapshotFormatError) throw error;
    throw new SnapshotFormatError('A stored blob could not be decompressed.', { cause: error });
  }
}

export function packText(text: string, format: BlobFormat): Uint8Array {
  return packBlob(Buffer.from(text, 'utf8'), format);
}

export function unpackText(blob: Uint8Array): string {
  const bytes = unpackBlob(blob);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function compress(bytes: Uint8Array, format: BlobFormat): Uint8Array {
  switch (format) {
    case BlobFormat.raw:
      return bytes;
    case BlobFormat.deflate:
      return deflateRawSync(bytes, SNAPSHOT_DEFLATE);
    case BlobFormat.deflateHistoryV1:
      return deflateRawSync(bytes, { level: 6, dictionary: HISTORY_DICTIONARY_V1 });
    case BlobFormat.brotli:
      return brotliCompressSync(bytes, { params: BROTLI_PARAMS(bytes.length) });
  }
}
