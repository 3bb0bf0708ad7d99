/** The report of topology changes caps each list, in the terminal and in Markdown alike, and says how many it left out. */
import { describe, expect, it } from 'vitest';
import { MAX_LISTED, changesMarkdown, changesText } from '../../src/cli/changesReport.js';
import type { TopologyChanges } from '../../src/engine/export/exportDiff.js';

const none = { object: '', what: [] };

function added(count: number): TopologyChanges {
  return {
    addedObjects: Array.from({ length: count }, (_, i) => ({ ...none, object: `ConfigMap shop/c-${i}` })),
    removedObjects: [],
    changedObjects: [],
    addedRelations: [],
    removedRelations: [],
    changedRelations: [],
    newBrokenReferences: [],
    mendedReferences: [],
    unchanged: count === 0,
  };
}

describe('the changes report', () => {
  it(`lists ${MAX_LISTED} of a longer list and counts the rest`, () => {
    const text = changesText(added(MAX_LISTED + 3));
    expect(text.filter((line) => line.startsWith('  + '))).toHaveLength(MAX_LISTED);
    expect(text.at(-1)).toBe('  … and 3 more');
    const markdown = changesMarkdown(added(MAX_LISTED + 3)).split('\n');
    expect(markdown.filter((line) => line.startsWith('- `ConfigMap'))).toHaveLength(MAX_LISTED);
    expect(markdown).toContain('- … and 3 more');
  });

  it('lists a list of the cap in full, with no count after it', () => {
    const text = changesText(added(MAX_LISTED));
    expect(text.filter((line) => line.startsWith('  + '))).toHaveLength(MAX_LISTED);
    expect(text.some((line) => line.includes('more'))).toBe(false);
  });
});
