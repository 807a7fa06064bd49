/** Form helpers shared by the pages. */

/**
 * The form field a server error points at, from the form's table of the request fields it shows
 * (`{ 'data.title': 'title', … }`): 'data.title' → 'title'; null for any other.
 */
export const serverFieldOf =
  <F extends string>(fields: Record<string, F>) =>
  (serverField: string | undefined): F | null =>
    (serverField && fields[serverField]) || null;

/** `[{ key, label }]` of a label table, in its order: the choices of a row of buttons or a picker. */
export const optionsOf = <K extends string>(labels: Record<K, string>) => (Object.keys(labels) as K[]).map((key) => ({ key, label: labels[key] }));

/**
 * The setData patch for a checked form field (`<form>.<field>` and `<errors>.<field>` in the
 * page's data), for both `input` and `blur`: typing re-checks a message already shown; leaving
 * a filled-in field checks it.
 */
export function fieldPatch<F extends string>(
  paths: { form: string; errors: string },
  validators: Record<F, (raw: string) => string>,
  shown: Record<F, string>,
  field: F,
  e: { type: string; detail: { value: string } },
): Record<string, string> {
  const value = e.detail.value;
  const patch: Record<string, string> = { [`${paths.form}.${field}`]: value };
  if (shown[field] || (e.type === 'blur' && value)) patch[`${paths.errors}.${field}`] = validators[field](value);
  return patch;
}

/** Messages already shown follow the corrections: each reads as its field now checks, or goes; none appears. */
export function followShown<K extends string>(shown: Record<K, string>, again: Record<K, string>): Record<K, string> {
  const out = { ...shown };
  for (const key of Object.keys(shown) as K[]) out[key] = shown[key] && again[key];
  return out;
}
