/**
 * Chinese vehicle plates (GA 36): province character + issuing-authority letter + serial.
 *   ordinary      陕H12345, 陕HA123B, with an optional 学/警/挂/港/澳/领 suffix
 *   new energy    small 陕HD12345 / 陕HF1A234 (D/F first), large 陕H12345D (D/F last)
 * Letters I and O never appear in the serial. Both the gate phone and the server use this.
 */

const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const L = 'A-HJ-NP-Z'; // letters without I and O
const ORDINARY = new RegExp(`^[${PROVINCES}][A-Z][${L}0-9]{4}[${L}0-9学警挂港澳领]$`);
const NEW_ENERGY_SMALL = new RegExp(`^[${PROVINCES}][A-Z][DF][${L}0-9][0-9]{4}$`);
const NEW_ENERGY_LARGE = new RegExp(`^[${PROVINCES}][A-Z][0-9]{5}[DF]$`);

/** Uppercase, without spaces, dots and dashes people type in: "陕h·12345" → "陕H12345". */
export function normalizePlate(input: string): string {
  return input.replace(/[\s·.\-•]/g, '').toUpperCase();
}

export type PlateKind = 'ordinary' | 'new-energy';

/** The plate's kind, or null if it is not a plate. Expects a normalised plate. */
export function plateKind(plate: string): PlateKind | null {
  if (NEW_ENERGY_SMALL.test(plate) || NEW_ENERGY_LARGE.test(plate)) return 'new-energy';
  if (ORDINARY.test(plate)) return 'ordinary';
  return null;
}

export const isPlate = (input: string) => plateKind(normalizePlate(input)) !== null;
