import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AnalyticsReport } from '../../../../server/contract/api';
import { formatUtcDay } from '../lib/format';
import { useChartPalette } from './use-chart-palette';

/** Engagements per day, stacked by sentiment; a hidden table carries the same numbers for screen readers. */
export function SentimentTrendChart({ trend }: { trend: AnalyticsReport['trend'] }) {
  const palette = useChartPalette();
  const data = trend.map((point) => ({ ...point, label: formatUtcDay(point.day) }));
  const unsummarized = (point: AnalyticsReport['trend'][number]) => Math.max(0, point.engagements - point.positive - point.neutral - point.negative);
  return (
    <figure className="chart-figure">
      <div className="chart-box chart-box-tall" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} barCategoryGap="18%">
            <CartesianGrid stroke={palette.grid} vertical={false} />
            <XAxis dataKey="label" tick={{ fill: palette.axis, fontSize: 12 }} tickLine={false} axisLine={{ stroke: palette.grid }} minTickGap={16} />
            <YAxis allowDecimals={false} tick={{ fill: palette.axis, fontSize: 12 }} tickLine={false} axisLine={false} />
            <Tooltip
              cursor={{ fill: palette.grid, opacity: 0.5 }}
              contentStyle={{ background: palette.surface, border: `1px solid ${palette.grid}`, borderRadius: 8, color: palette.text, fontSize: 13 }}
              labelStyle={{ fontWeight: 600, marginBottom: 4 }}
            />
            <Legend iconType="circle" iconSize={9} itemSorter={null} wrapperStyle={{ fontSize: 12.5, color: palette.axis, paddingTop: 8 }} />
            <Bar dataKey="positive" name="Positive" stackId="s" fill={palette.positive} isAnimationActive={false} />
            <Bar dataKey="neutral" name="Neutral" stackId="s" fill={palette.neutral} isAnimationActive={false} />
            <Bar dataKey="negative" name="Negative" stackId="s" fill={palette.negative} radius={[3, 3, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="visually-hidden">
        <caption>Engagements per day by sentiment</caption>
        <thead>
          <tr>
            <th scope="col">Day (UTC)</th>
            <th scope="col">Engagements</th>
            <th scope="col">Positive</th>
            <th scope="col">Neutral</th>
            <th scope="col">Negative</th>
            <th scope="col">Not summarized</th>
          </tr>
        </thead>
        <tbody>
          {trend.map((point) => (
            <tr key={point.day}>
              <th scope="row">{point.day}</th>
              <td>{point.engagements}</td>
              <td>{point.positive}</td>
              <td>{point.neutral}</td>
              <td>{point.negative}</td>
              <td>{unsummarized(point)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
