/** An instant `hours` after `from` (negative: before). */
export const hoursLater = (from: Date, hours: number) => new Date(from.getTime() + hours * 3_600_000);
