/*
 * The consent panel (burgerpanel): citizens who agreed to be approached for an interview. Its
 * logic in four parts: membership (sign-up, confirmation, withdrawal, renewal), the researchers'
 * member search with the contact caps, studies, and the scheduled upkeep.
 */
export * from './membership';
export * from './member-search';
export * from './studies';
export * from './panel-jobs';
