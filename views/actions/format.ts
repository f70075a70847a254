// The day formatter lives with the other Dutch formatters in src/texts (the period summaries use it too).
export { formatDay } from '../../src/texts';
