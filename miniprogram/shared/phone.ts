/** Mainland China mobile numbers: one rule for the phone's forms and the server's schemas. Shared: no `wx` here. */

/** 11 digits, 1 then 3–9 then nine more. */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;
