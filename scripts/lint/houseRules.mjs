// Lint rules of this house that no published plugin has (see eslint.config.mjs).
import { relative } from 'node:path';
import { importPath, resolveImport } from './importGraph.mjs';

/** Reports an import whose target imports, directly or not, the importing file back: type-only imports count. */
const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles, type-only imports included: move the shared types into a file of their own.' },
    messages: { cycle: 'Import cycle: {{path}}. Move what both files need into a file of their own.' },
    schema: [],
  },
  create(context) {
    const file = context.physicalFilename;
    const check = (node) => {
      if (node.source?.type !== 'Literal' || typeof node.source.value !== 'string') return;
      const target = resolveImport(file, node.source.value);
      if (target === undefined || target === file) return;
      const back = importPath(target, file);
      if (back === undefined) return;
      const path = [file, ...back].map((f) => relative(context.cwd, f)).join(' → ');
      context.report({ node, messageId: 'cycle', data: { path } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export const housePlugin = { meta: { name: 'house' }, rules: { 'no-import-cycle': noImportCycle } };
