"use client";

import { tokens } from "@fluentui/react-components";
import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceDot, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { useFormat } from "@/lib/i18n/i18n-provider";
import type { ThresholdParameters } from "@/lib/triggers/thresholds/crossing";
import { chartDomain, formatValue, type HistoryPoint, type ValueKind } from "./threshold-values";

// The recharts half of the history chart: loaded on demand (React.lazy) by the screens that draw
// one, so recharts never weighs on a first load. The picture only: its name and text alternative
// (summary, table) are the caller's, outside this chunk, so they show even before it loads.

type Props = {
  points: HistoryPoint[];
  kind: ValueKind;
  /** The threshold to draw (null: none typed yet). */
  parameters: ThresholdParameters | null;
  band: { from: number; to: number } | null;
  /** Point indexes where the back-test fired. */
  firedAt: number[];
  height?: number;
};

export const HistoryChart = ({ points, kind, parameters, band, firedAt, height = 220 }: Props) => {
  const format = useFormat();
  const domain = chartDomain(
    points.map((point) => point.value),
    [...(parameters ? [parameters.threshold] : []), ...(band ? [band.from, band.to] : [])],
  );
  const valueText = (value: number) => formatValue(value, kind, format);
  return (
    // The figure around it names it and carries its text alternative; the drawing is decoration for assistive technology.
    <div aria-hidden="true">
      <ResponsiveContainer width="100%" height={height}>
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer={false}>
          <CartesianGrid stroke={tokens.colorNeutralStroke2} strokeDasharray="3 3" />
          <XAxis
            dataKey="index"
            tickFormatter={(index: number) => format.dateTime(points[index]?.computedAt)}
            stroke={tokens.colorNeutralForeground3}
            tick={{ fill: tokens.colorNeutralForeground2, fontSize: 11 }}
            minTickGap={24}
          />
          <YAxis
            domain={domain ?? ["auto", "auto"]}
            tickFormatter={valueText}
            stroke={tokens.colorNeutralForeground3}
            tick={{ fill: tokens.colorNeutralForeground2, fontSize: 11 }}
            width={80}
          />
          {band ? <ReferenceArea y1={band.from} y2={band.to} fill={tokens.colorPaletteYellowBackground2} fillOpacity={0.6} ifOverflow="extendDomain" /> : null}
          {parameters ? (
            <ReferenceLine y={parameters.threshold} stroke={tokens.colorPaletteRedBorder2} strokeWidth={2} strokeDasharray="6 4" ifOverflow="extendDomain" />
          ) : null}
          <Line
            type="linear"
            dataKey="value"
            stroke={tokens.colorBrandForeground1}
            strokeWidth={2}
            dot={{ r: 3, fill: tokens.colorBrandForeground1 }}
            isAnimationActive={false}
            connectNulls
          />
          {firedAt.map((index) =>
            points[index]?.value !== null && points[index]?.value !== undefined ? (
              <ReferenceDot key={index} x={index} y={points[index]!.value!} r={6} fill={tokens.colorPaletteRedBackground3} stroke={tokens.colorNeutralBackground1} />
            ) : null,
          )}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
};
