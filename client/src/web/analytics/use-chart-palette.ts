import { useSyncExternalStore } from 'react';

/** Chart colours for the current colour scheme (SVG attributes cannot follow CSS variables everywhere). */
export interface ChartPalette {
  positive: string;
  neutral: string;
  negative: string;
  resolved: string;
  unresolved: string;
  followUp: string;
  accent: string;
  grid: string;
  axis: string;
  text: string;
  surface: string;
}

const LIGHT: ChartPalette = {
  positive: '#12b76a',
  neutral: '#98a2b3',
  negative: '#f04438',
  resolved: '#12b76a',
  unresolved: '#f04438',
  followUp: '#f79009',
  accent: '#0b5cff',
  grid: '#e4e7ec',
  axis: '#5b6472',
  text: '#1b1f24',
  surface: '#ffffff',
};

const DARK: ChartPalette = {
  positive: '#32d583',
  neutral: '#667085',
  negative: '#f97066',
  resolved: '#32d583',
  unresolved: '#f97066',
  followUp: '#fdb022',
  accent: '#5b8cff',
  grid: '#2e3640',
  axis: '#a3adba',
  text: '#e8ebef',
  surface: '#1a1f26',
};

const QUERY = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void): () => void {
  if (typeof window.matchMedia !== 'function') return () => undefined;
  const media = window.matchMedia(QUERY);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

function prefersDark(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(QUERY).matches;
}

export function useChartPalette(): ChartPalette {
  const dark = useSyncExternalStore(subscribe, prefersDark, () => false);
  return dark ? DARK : LIGHT;
}
