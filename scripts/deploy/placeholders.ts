/**
 * Which subscription templates still have a placeholder where their WeChat id belongs: a deploy
 * refuses while any has. The ids and the check live with the templates (miniprogram/shared/templates.ts).
 */
import type { TemplateName } from '../../typings/messages';

export const templatePlaceholders = (): TemplateName[] => [];
