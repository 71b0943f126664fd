import type { Locale } from '../domain/locale.js';
import { en } from './en.js';
import { es } from './es.js';
import type { Words } from './shape.js';

/** The one home of words people read: every locale the pulse is offered in, each whole. */
export const WORDS: Record<Locale, Words> = { en, es };
