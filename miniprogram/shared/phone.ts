/**
 * A mainland China mobile number: 11 digits, 1 then 3–9. One rule for the register form and the
 * server's request schemas. Shared: no `wx` here.
 */
export const PHONE_PATTERN = /^1[3-9]\d{9}$/;

export const isMobilePhone = (value: string) => PHONE_PATTERN.test(value);
