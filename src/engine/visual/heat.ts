/**
 * Colours of the metrics overlay's heat steps (engine/metrics/overlay.ts): cool to hot, from the theme's chart
 * colours. The fill grows stronger with each step too, so the order reads without telling hues apart (the light
 * theme's chart yellow and orange are close: their steps differ most in strength).
 */
import type { HeatLevel } from '../metrics/overlay.js';
import { themeColor, type ThemeColor } from './theme.js';

export const HEAT_VISUALS: Readonly<Record<HeatLevel, { readonly color: ThemeColor; readonly opacity: number }>> = {
  0: { color: themeColor('--vscode-charts-blue', '#1a85ff', '#3794ff', '#3794ff'), opacity: 0.25 },
  1: { color: themeColor('--vscode-charts-green', '#388a34', '#89d185', '#89d185'), opacity: 0.35 },
  2: { color: themeColor('--vscode-charts-yellow', '#bf8803', '#cca700', '#ffd700'), opacity: 0.45 },
  3: { color: themeColor('--vscode-charts-orange', '#d18616', '#d18616', '#ff9f43'), opacity: 0.65 },
  4: { color: themeColor('--vscode-charts-red', '#e51400', '#f14c4c', '#f48771'), opacity: 0.8 },
};
