/**
 * The expert's quarter in words (issue 15, finding 14): confirmed and pending days said apart, and
 * "已达标" (green) only when the confirmed days reach the requirement — pending days may still be disputed.
 */
export interface QuarterFigures {
  days: number;
  verifiedDays: number;
  required: number;
  stillNeeded: number;
}

export const quarterMet = (q: QuarterFigures): boolean => q.verifiedDays >= q.required;

export function quarterStatusText(q: QuarterFigures): string {
  const pending = q.days - q.verifiedDays;
  if (quarterMet(q)) return `本季度天数已达标：已确认 ${q.verifiedDays} 天`;
  if (q.stillNeeded === 0) return `已登记满 ${q.required} 天：已确认 ${q.verifiedDays} 天，${pending} 天待建站单位确认`;
  return `已确认 ${q.verifiedDays} 天，待确认 ${pending} 天，还需 ${q.stillNeeded} 天`;
}
