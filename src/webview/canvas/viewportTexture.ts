/**
 * While the user pans or zooms a large view, cytoscape can move a snapshot of the picture instead of drawing every
 * node and edge again each frame (its `textureOnViewport`); the full drawing comes back as soon as the gesture pauses.
 * At 5,000 objects a full canvas frame costs several hundred ms (issue 15), a snapshot frame one image copy.
 */
import type { Core } from 'cytoscape';

interface RendererInternals {
  textureOnViewport: boolean;
}

export function setViewportTexture(cy: Core, on: boolean): void {
  (cy as unknown as { renderer(): RendererInternals }).renderer().textureOnViewport = on;
}
