import { SnapshotFormatError } from './errors.js';

/**
 * LEB128 varints, the integer form of the compact graph encoding: small numbers (string indexes, shapes, lengths)
 * take one or two bytes. Values must stay below 2^32 (the writer uses 32-bit shifts for speed); the encoder's
 * operands are table indexes × 8, far below that.
 */
export class ByteWriter {
  private bytes = new Uint8Array(1 << 16);
  private length = 0;

  varint(value: number): void {
    if (this.length + 5 > this.bytes.length) this.grow();
    let rest = value;
    while (rest >= 0x80) {
      this.bytes[this.length++] = (rest & 0x7f) | 0x80;
      rest >>>= 7;
    }
    this.bytes[this.length++] = rest;
  }

  /** A tag (0–7) and its operand in one varint, operand × 8 + tag: half the calls and bytes of writing both. */
  tagged(tag: number, operand: number): void {
    this.varint(operand * 8 + tag);
  }

  result(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  private grow(): void {
    const bigger = new Uint8Array(this.bytes.length * 2);
    bigger.set(this.bytes.subarray(0, this.length));
    this.bytes = bigger;
  }
}

export class ByteReader {
  constructor(
    private readonly bytes: Uint8Array,
    public position = 0,
  ) {}

  varint(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      const byte = this.bytes[this.position++];
      if (byte === undefined) throw new SnapshotFormatError('Snapshot graph is truncated.');
      result += (byte & 0x7f) * scale;
      if (byte < 0x80) return result;
      scale *= 128;
      if (scale > 2 ** 35) throw new SnapshotFormatError('Snapshot graph holds an oversized number.');
    }
  }

  get remaining(): number {
    return this.bytes.length - this.position;
  }
}
