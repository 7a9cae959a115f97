// ECharts, loaded only when a dashboard is opened (its own chunk): just the bar and pie charts and
// the canvas renderer, not the whole library.
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
// @ts-expect-error -- ECharts ships its locale modules without type declarations.
import langVI from 'echarts/lib/i18n/langVI.js';
import { useEffect, useRef } from 'react';
import { formatNumber } from '../format';
import type { Row } from './model';

echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);
echarts.registerLocale('VI', langVI as Parameters<typeof echarts.registerLocale>[1]);

const COLORS = ['#c8102e', '#f5a623', '#1677ff', '#52c41a', '#722ed1', '#13c2c2', '#8c8c8c', '#fa541c', '#2f54eb'];

interface Props {
  rows: Row[];
  kind: 'bar' | 'pie';
  label: string;
}

function optionFor({ rows, kind, label }: Props) {
  const formatter = (v: unknown) => formatNumber(Number(v));
  if (kind === 'bar') {
    return {
      color: COLORS,
      grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: formatter },
      xAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { interval: 0, rotate: rows.length > 5 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter } }, // counts: whole ticks only
      series: [
        {
          type: 'bar',
          name: label,
          data: rows.map((r) => r.count),
          label: { show: true, position: 'top', formatter: (p: { value: unknown }) => formatter(p.value) },
        },
      ],
    };
  }
  return {
    color: ['#1677ff', '#c8102e'],
    tooltip: { trigger: 'item', valueFormatter: formatter },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        name: label,
        radius: ['40%', '68%'],
        data: rows.map((r) => ({ name: r.label, value: r.count })),
        label: { formatter: (p: { name: string; value: unknown; percent: number }) => `${p.name}\n${formatter(p.value)} (${formatNumber(p.percent, 2)} %)` },
      },
    ],
  };
}

/** One chart on a canvas; follows its container's size. */
export default function Chart(props: Props) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const node = el.current!;
    const c = echarts.init(node, undefined, { renderer: 'canvas', locale: 'VI' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(node);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(optionFor(props), { notMerge: true });
  }, [props]);

  return <div ref={el} className="tcxd-chart" role="img" aria-label={props.label} style={{ height: 300, width: '100%' }} />;
}
