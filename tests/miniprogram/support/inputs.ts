/**
 * What an input shows. miniprogram-simulate registers `input` as an empty shell that drops its
 * `value`; importing this gives it the property, so a test can read what a field is prefilled
 * with (e.g. 有效天数 30).
 */
import * as simulate from 'miniprogram-simulate';
import type { Node } from './mp';
import { find } from './mp';

simulate.load({
  id: 'input',
  tagName: 'wx-input',
  template: '<view></view>',
  properties: { value: { type: String, value: '' }, placeholder: { type: String, value: '' } },
});

/** The text an input holds. */
export function valueOf(root: Node, ...selectors: string[]): string {
  return String((find(root, ...selectors).data as { value?: unknown }).value ?? '');
}
