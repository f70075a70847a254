/*
 * The journey designer's logic, in five parts: the forms (pure), the journeys, the touchpoints,
 * the items they ask, and import/export. Every change is one transaction together with its audit line. History
 * stays true: answers point at touchpoint ids, so renames and reorders never touch them; a
 * touchpoint with answers can be archived, never deleted; slugs never change once made.
 */
export * from './designer-forms';
export { slugify } from '../slugs';
export * from './designer-journeys';
export * from './designer-touchpoints';
export * from './designer-transfer';
export * from './designer-items';
export * from './designer-item-forms';
export * from './designer-chain';
