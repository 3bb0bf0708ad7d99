/** Sizes of the stubs that stand for cross-cutting relations in drawings (stubs.ts places them, svg.ts and pdfDraw.ts draw). */
export const STUB = { length: 7, fontSize: 8, charWidth: 0.62, gap: 3, clearance: 2, maxNamed: 2, maxName: 28 } as const;
