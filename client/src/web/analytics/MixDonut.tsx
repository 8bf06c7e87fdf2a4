import { Cell, Pie, PieChart, ResponsiveContainer, Tooltip } from 'recharts';
import { formatCount } from '../lib/format';
import { percentages } from './analytics-format';
import { useChartPalette } from './use-chart-palette';

export interface MixSlice {
  key: string;
  label: string;
  value: number;
  color: string;
}

/** A donut with its legend as a real list (labels, counts, shares): the list is what assistive tech reads. */
export function MixDonut({ slices, centerLabel, emptyText }: { slices: MixSlice[]; centerLabel: string; emptyText: string }) {
  const palette = useChartPalette();
  const total = slices.reduce((sum, s) => sum + s.value, 0);
  const shares = percentages(slices.map((s) => s.value));
  if (total === 0) return <p className="muted chart-empty">{emptyText}</p>;
  return (
    <div className="mix">
      <div className="mix-chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <PieChart>
            <Pie data={slices} dataKey="value" nameKey="label" innerRadius="64%" outerRadius="100%" paddingAngle={1.5} stroke={palette.surface} strokeWidth={2} isAnimationActive={false}>
              {slices.map((slice) => (
                <Cell key={slice.key} fill={slice.color} />
              ))}
            </Pie>
            <Tooltip contentStyle={{ background: palette.surface, border: `1px solid ${palette.grid}`, borderRadius: 8, color: palette.text, fontSize: 13 }} />
          </PieChart>
        </ResponsiveContainer>
        <div className="mix-center">
          <span className="mix-total">{formatCount(total)}</span>
          <span className="mix-center-label">{centerLabel}</span>
        </div>
      </div>
      <ul className="mix-legend">
        {slices.map((slice, i) => (
          <li key={slice.key}>
            <span className="mix-swatch" style={{ background: slice.color }} aria-hidden="true" />
            <span className="mix-label">{slice.label}</span>
            <span className="mix-value tabular">{formatCount(slice.value)}</span>
            <span className="mix-share tabular muted">{shares[i]}%</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
