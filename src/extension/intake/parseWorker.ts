/**
 * The manifest parse worker: YAML of other people's repositories is parsed here, off the extension host thread, so
 * a slow or hostile file costs this thread (stopped by its memory limit or its caller's clock), never the editor.
 */
import * as l10n from '@vscode/l10n';
import { parentPort, workerData } from 'node:worker_threads';
import { parseManifestBytes } from '../../engine/intake/manifestBytes.js';
import type { ParseRequest, ParseResponse, ParseWorkerData } from './parseProtocol.js';

// The intake warnings are written here: in the language of the window that started the worker.
const bundle = (workerData as ParseWorkerData | null)?.l10nBundle;
if (bundle) l10n.config({ contents: bundle });

parentPort?.on('message', (request: ParseRequest) => {
  let response: ParseResponse;
  try {
    response = { id: request.id, parsed: parseManifestBytes(request.bytes, request.file, request.limits) };
  } catch (error) {
    response = { id: request.id, failure: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(response);
});
