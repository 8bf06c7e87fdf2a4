import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AnalyticsReport } from '../../../../server/contract/api';
import { useChartPalette } from './use-chart-palette';

/** Engagements per category, largest first, as horizontal bars labelled with their counts. */
export function CategoryChart({ categories }: { categories: AnalyticsReport['categories'] }) {
  const palette = useChartPalette();
  const data = [...categories].sort((a, b) => b.engagements - a.engagements);
  if (data.length === 0) return <p className="muted chart-empty">No summarized engagements in this period.</p>;
  const height = Math.max(160, data.length * 38 + 16);
  return (
    <figure className="chart-figure">
      <div className="chart-box" style={{ height }} aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ top: 0, right: 36, bottom: 0, left: 0 }} barCategoryGap="26%">
            <CartesianGrid stroke={palette.grid} horizontal={false} />
            <XAxis type="number" allowDecimals={false} tick={{ fill: palette.axis, fontSize: 12 }} tickLine={false} axisLine={false} />
            <YAxis type="category" dataKey="category" width={140} tick={{ fill: palette.text, fontSize: 12.5 }} tickLine={false} axisLine={false} />
            <Tooltip
              cursor={{ fill: palette.grid, opacity: 0.5 }}
              contentStyle={{ background: palette.surface, border: `1px solid ${palette.grid}`, borderRadius: 8, color: palette.text, fontSize: 13 }}
            />
            <Bar dataKey="engagements" name="Engagements" fill={palette.accent} radius={[0, 4, 4, 0]} isAnimationActive={false}>
              <LabelList dataKey="engagements" position="right" fill={palette.axis} fontSize={12} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
      <ul className="visually-hidden">
        {data.map((row) => (
          <li key={row.category}>
            {row.category}: {row.engagements}
          </li>
        ))}
      </ul>
    </figure>
  );
}
