// A sparkline's polyline points, in a width × height box (y grows downwards, as in SVG). Values
// that are null leave no point; a flat series sits in the middle. Pure: tested without a screen.

export const sparklinePoints = (values: readonly (number | null)[], width: number, height: number, inset = 2): string => {
  const known = values.flatMap((value, index) => (value === null || !Number.isFinite(value) ? [] : [{ index, value }]));
  if (known.length === 0) return "";
  const min = Math.min(...known.map((point) => point.value));
  const max = Math.max(...known.map((point) => point.value));
  const step = values.length > 1 ? (width - 2 * inset) / (values.length - 1) : 0;
  const y = (value: number) => (max === min ? height / 2 : inset + ((max - value) / (max - min)) * (height - 2 * inset));
  const round = (n: number) => Math.round(n * 10) / 10;
  return known.map(({ index, value }) => `${round(inset + index * step)},${round(y(value))}`).join(" ");
};
