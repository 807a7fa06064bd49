/** Request fields shared by the duty actions (posts, rotas). */
import { intRange } from '../core/validate';
import { MAX_HEADS } from './model';

/** Head count of a shift or post. */
export const heads = () => intRange(1, MAX_HEADS);
