/** The change since the previous computation, signed, or a dash when there is nothing to compare with. */
export const changeText = (value: number | null, previous: number | null, formatChange: (difference: number) => string) =>
  value === null || previous === null ? "—" : formatChange(value - previous);
