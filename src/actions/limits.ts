/** The lengths of an improvement action's fields: the form shows them, the validation enforces them. */
export const MAX_TITLE = 200;
export const MAX_OWNER = 200;
export const MAX_DESCRIPTION = 4000;
export const MAX_SUMMARY = 1000;
