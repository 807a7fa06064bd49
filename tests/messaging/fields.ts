/** Field keys of the template file, looked up by value: tests hold no key a deployer may renumber. */
import { TEMPLATES } from '../../miniprogram/shared/templates';
import type { TemplateName, TemplateValues } from '../../typings/messages';

/** The key of the field showing `value` in template `name` (e.g. passDecision's "compound" → "thing1"). */
export function fieldOf<N extends TemplateName>(name: N, value: TemplateValues[N]): string {
  const key = Object.entries(TEMPLATES[name].fields).find(([, v]) => v === value)?.[0];
  if (!key) throw new Error(`the template file shows no "${value}" in ${name}`);
  return key;
}
