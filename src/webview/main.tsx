/** Webview entry: wires the VS Code bridge to the app. Everything else lives in components/. */
import './main.css';
import { render } from 'preact';
import { App } from './components/App';
import { acquireHost } from './host';

const root = document.getElementById('app');
if (root !== null) render(<App host={acquireHost()} workerUri={root.dataset['workerUri'] ?? ''} />, root);
