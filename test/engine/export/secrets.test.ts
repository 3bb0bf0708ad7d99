/** No export format ever carries Secret data: the graph holds metadata only, and exports hold only the graph. */
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, renderFormat } from '../../../src/engine/export/formats.js';
import { renderSvg } from '../../../src/engine/export/svg.js';
import { graphOf } from '../support.js';
import { SMALL_YAML, pdfTextOf, sceneOf } from './support.js';

const CANARY = 'CANARY-s3cr3t-7f1e9b';
const base64 = Buffer.from(CANARY).toString('base64');

const WITH_SECRET = `${SMALL_YAML}
---
apiVersion: v1
kind: Secret
metadata:
  name: web-secrets
  namespace: shop
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"data":{"password":"${base64}"},"stringData":{"token":"${CANARY}"}}'
type: Opaque
data: { password: ${base64} }
stringData: { token: ${CANARY} }
`;

describe('Secret data in exports', () => {
  it('never appears in any format, in any theme', async () => {
    const graph = graphOf(WITH_SECRET);
    expect(graph.nodes.some((n) => n.kind === 'Secret' && n.name === 'web-secrets' && n.missing !== true)).toBe(true);
    for (const theme of ['document', 'dark'] as const) {
      const scene = await sceneOf(graph, {}, theme);
      for (const format of EXPORT_FORMATS) {
        const bytes = (await renderFormat(scene, format, { pdf: { compress: false } })).bytes.toString('latin1');
        expect(bytes, format).not.toContain(CANARY);
        expect(bytes, format).not.toContain(base64);
      }
      // The PNG is drawn from the SVG; the PDF's text is what its text operators show.
      expect(renderSvg(scene)).not.toContain(CANARY);
      const pdf = (await renderFormat(scene, 'pdf', { pdf: { compress: false } })).bytes;
      expect(pdfTextOf(pdf).join('\n')).not.toContain(CANARY);
      expect(pdfTextOf(pdf)).toContain('web-secrets');
    }
  });
});
