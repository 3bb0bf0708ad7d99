import { describe, expect, it } from 'vitest';
import { orderTopologyChoices, type TopologyTarget } from '../../../src/extension/commands/topologyChoices.js';

const choices: { label: string; target: TopologyTarget }[] = [
  { label: 'Live cluster', target: 'cluster' },
  { label: 'Active file', target: 'active-file' },
  { label: 'api', target: 'folder' },
  { label: 'web', target: 'folder' },
];
const labels = (ordered: readonly { label: string }[]): string[] => ordered.map((choice) => choice.label);

describe('Open Topology preselects what can work', () => {
  it('offers the live cluster first when a kubeconfig was read', () => {
    expect(labels(orderTopologyChoices(choices, true))).toEqual(['Live cluster', 'Active file', 'api', 'web']);
  });

  it('without a usable kubeconfig: the active file, then the folders in workspace order, the cluster last', () => {
    expect(labels(orderTopologyChoices(choices, false))).toEqual(['Active file', 'api', 'web', 'Live cluster']);
    expect(
      labels(
        orderTopologyChoices(
          choices.filter((choice) => choice.target !== 'active-file'),
          false,
        ),
      ),
    ).toEqual(['api', 'web', 'Live cluster']);
  });

  it('keeps the cluster when it is all there is', () => {
    expect(labels(orderTopologyChoices(choices.slice(0, 1), false))).toEqual(['Live cluster']);
  });
});
