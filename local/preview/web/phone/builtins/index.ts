/** Registers every WeChat built-in component with the component engine, once per phone. */
import { defineBasics } from './basic';
import { defineButton } from './button';
import { defineChoices } from './choices';
import { defineFields } from './fields';
import { definePicker } from './picker';

export { canvasNodeOf } from './basic';
export { definedBuiltins } from './define';

export function defineBuiltins(): void {
  defineBasics();
  defineButton();
  defineFields();
  defineChoices();
  definePicker();
}
