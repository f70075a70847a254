/**
 * The database schema, one file per feature. Import tables from here (`../db/schema`); drizzle-kit
 * reads this index too, so a table only counts once it is exported below.
 */
export * from './organisations';
export * from './journeys';
export * from './touchpoint-questions';
export * from './api-keys';
export * from './events';
export * from './invitations';
export * from './mail';
export * from './survey';
export * from './rollups';
export * from './auth';
export * from './audit';
export * from './settings';
export * from './noshows';
export * from './panel';
export * from './actions';
export * from './zgw';
export * from './insight';
export * from './themes';
export * from './digest';
export * from './callbacks';
export * from './items';
