import * as z from 'zod/mini';
import { lazySchema } from './lazy-schema.js';
import { localizedTextSchema, type LocalizedText } from './locale.js';

/**
 * The hotspot domains leaders act on. Items roll up to these; workload and admin
 * burden come first because they are what an organization can change (docs/design.md).
 * Retention sits beside burnout: both are outcomes of that load, read together.
 */
export const DOMAINS = ['workload', 'admin_burden', 'burnout', 'retention', 'connection', 'safety'] as const;
export const domainSchema = lazySchema(() => z.enum(DOMAINS));
export type Domain = z.infer<typeof domainSchema>;

/** Built inside the item schema, so its parse does not go through a proxy. */
const itemIdSchema = () => z.string().check(z.regex(/^[a-z][a-z0-9_]{1,31}$/, 'item ids are lower_snake_case, 2 to 32 characters'));

export const answerOptionSchema = lazySchema(() =>
  z.object({
    /** The stored value; small integers so aggregates stay compact. */
    value: z.int().check(z.minimum(0), z.maximum(9)),
    label: localizedTextSchema,
  }),
);

export const itemSchema = lazySchema(() =>
  z
    .object({
      id: itemIdSchema(),
      domain: domainSchema,
      /** `core` items are asked every wave so trends stay comparable; `rotating` ones take turns. */
      module: z.enum(['core', 'rotating']),
      text: localizedTextSchema,
      options: z.array(answerOptionSchema).check(z.minLength(2), z.maxLength(7)),
      /** Option values that count as adverse when computing a domain's adverse share. */
      adverse: z.array(z.int()).check(z.minLength(1)),
    })
    .check(
      z.superRefine((item, ctx) => {
        const values = item.options.map((o) => o.value);
        if (new Set(values).size !== values.length) {
          ctx.addIssue({ code: 'custom', path: ['options'], message: 'option values must be unique' });
        }
        for (const adverse of item.adverse) {
          if (!values.includes(adverse)) {
            ctx.addIssue({ code: 'custom', path: ['adverse'], message: `adverse value ${adverse} is not one of the options` });
          }
        }
      }),
    ),
);
export type Item = z.infer<typeof itemSchema>;

export const instrumentSchema = lazySchema(() =>
  z
    .object({
      version: z.string().check(z.minLength(1)),
      /** Shown in a small note on the page so licensed instruments keep their attribution. */
      attribution: z.optional(localizedTextSchema),
      items: z.array(itemSchema).check(z.minLength(1)),
      /** How many rotating items join the core ones each wave. */
      rotatingPerWave: z._default(z.int().check(z.minimum(0), z.maximum(3)), 1),
    })
    .check(
      z.superRefine((instrument, ctx) => {
        const ids = instrument.items.map((i) => i.id);
        const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
        if (duplicate) ctx.addIssue({ code: 'custom', path: ['items'], message: `item id "${duplicate}" appears twice` });
        const perWave =
          instrument.items.filter((i) => i.module === 'core').length +
          Math.min(instrument.rotatingPerWave, instrument.items.filter((i) => i.module === 'rotating').length);
        if (perWave < 4 || perWave > 6) {
          ctx.addIssue({ code: 'custom', path: ['items'], message: `a wave must ask 4 to 6 questions; this instrument asks ${perWave}` });
        }
      }),
    ),
);
export type Instrument = z.infer<typeof instrumentSchema>;

const agree = (adverseLow: boolean) => ({
  options: [
    { value: 1, label: { en: 'Strongly disagree', es: 'Muy en desacuerdo' } },
    { value: 2, label: { en: 'Disagree', es: 'En desacuerdo' } },
    { value: 3, label: { en: 'Neither agree nor disagree', es: 'Ni de acuerdo ni en desacuerdo' } },
    { value: 4, label: { en: 'Agree', es: 'De acuerdo' } },
    { value: 5, label: { en: 'Strongly agree', es: 'Muy de acuerdo' } },
  ],
  adverse: adverseLow ? [1, 2] : [4, 5],
});

const text = (en: string, es: string): LocalizedText => ({ en, es });

/**
 * The default instrument, in our own wording. The burnout item has five levels scored
 * like the widely used single-item measure (level 3 or above = burnout), so results can
 * be compared with published rates; licensed instruments such as Mini-Z load through the
 * same schema. A typed constant rather than a parse at import, to keep cold starts short;
 * a unit test holds it to the schema. Built by a call marked pure, so a bundle that never
 * reads it (every Lambda: their config already holds its instrument) drops it.
 */
export const DEFAULT_INSTRUMENT: Instrument = /* @__PURE__ */ (() => ({
  version: 'care-pulse-2026.2',
  rotatingPerWave: 1,
  items: [
    {
      id: 'burnout',
      domain: 'burnout',
      module: 'core',
      text: text(
        'Using your own definition of burnout, which best describes you right now?',
        'Según su propia idea de lo que es el agotamiento laboral (burnout), ¿qué lo describe mejor ahora?',
      ),
      options: [
        { value: 1, label: text('I enjoy my work and have no symptoms of burnout', 'Disfruto mi trabajo y no tengo síntomas de agotamiento') },
        { value: 2, label: text('I am under stress at times, but I do not feel burned out', 'A veces estoy bajo estrés, pero no me siento agotado/a') },
        {
          value: 3,
          label: text(
            'I am definitely burning out and have one or more symptoms, such as physical and emotional exhaustion',
            'Definitivamente me estoy agotando y tengo uno o más síntomas, como cansancio físico y emocional',
          ),
        },
        {
          value: 4,
          label: text(
            'My symptoms of burnout will not go away; I think about work frustrations a lot',
            'Mis síntomas de agotamiento no desaparecen; pienso mucho en las frustraciones del trabajo',
          ),
        },
        {
          value: 5,
          label: text(
            'I feel completely burned out and may need to seek help or make changes',
            'Me siento completamente agotado/a y puede que necesite ayuda o hacer cambios',
          ),
        },
      ],
      adverse: [3, 4, 5],
    },
    {
      id: 'workload',
      domain: 'workload',
      module: 'core',
      text: text('My workload over the past two weeks was manageable.', 'Mi carga de trabajo en las últimas dos semanas fue manejable.'),
      ...agree(true),
    },
    {
      id: 'emr_frustration',
      domain: 'admin_burden',
      module: 'core',
      text: text(
        'How often did the electronic health record (EHR) or other work software frustrate you in the past two weeks?',
        '¿Con qué frecuencia le frustró el expediente clínico electrónico (EHR) u otro programa de trabajo en las últimas dos semanas?',
      ),
      options: [
        { value: 1, label: text('Never', 'Nunca') },
        { value: 2, label: text('Rarely', 'Rara vez') },
        { value: 3, label: text('Sometimes', 'A veces') },
        { value: 4, label: text('Often', 'A menudo') },
        { value: 5, label: text('Almost always', 'Casi siempre') },
      ],
      adverse: [4, 5],
    },
    {
      id: 'after_hours_docs',
      domain: 'admin_burden',
      module: 'core',
      text: text(
        'In a typical week lately, how much time did you spend on documentation or paperwork outside your scheduled hours?',
        'En una semana típica reciente, ¿cuánto tiempo dedicó a documentación o papeleo fuera de su horario?',
      ),
      options: [
        { value: 1, label: text('None', 'Nada') },
        { value: 2, label: text('Less than 1 hour', 'Menos de 1 hora') },
        { value: 3, label: text('1 to 3 hours', 'De 1 a 3 horas') },
        { value: 4, label: text('3 to 5 hours', 'De 3 a 5 horas') },
        { value: 5, label: text('More than 5 hours', 'Más de 5 horas') },
      ],
      adverse: [4, 5],
    },
    {
      id: 'admin_tasks',
      domain: 'admin_burden',
      module: 'core',
      text: text(
        'Administrative tasks take time away from patient care or my main work.',
        'Las tareas administrativas me quitan tiempo de la atención a pacientes o de mi trabajo principal.',
      ),
      ...agree(false),
    },
    // The rotating items take turns in this order. Connection's two alternate with the others,
    // so each domain comes back evenly: connection every other pulse, the rest every fourth.
    {
      id: 'team_connection',
      domain: 'connection',
      module: 'rotating',
      text: text('I feel connected to the people I work with.', 'Me siento conectado/a con las personas con quienes trabajo.'),
      ...agree(true),
    },
    // Intent to leave as Mini-Z and the AMA Organizational Biopsy ask it (leaving within two
    // years, five levels from none to definitely), in our own words, and counted as they and
    // Rotenstein et al. (J Gen Intern Med 2023) count it: moderate or more. That is what lets
    // the national lines of reference-rates.ts stand beside it (docs/reference-rates.md).
    {
      id: 'intent_to_leave',
      domain: 'retention',
      module: 'rotating',
      text: text(
        'How likely is it that you will leave your current job within two years?',
        '¿Qué tan probable es que usted deje su trabajo actual en los próximos dos años?',
      ),
      options: [
        { value: 1, label: text('None', 'Nada probable') },
        { value: 2, label: text('Slight', 'Poco probable') },
        { value: 3, label: text('Moderate', 'Moderadamente probable') },
        { value: 4, label: text('Likely', 'Probable') },
        { value: 5, label: text('Definitely', 'Seguro que lo dejaré') },
      ],
      adverse: [3, 4, 5],
    },
    {
      id: 'leaders_understand',
      domain: 'connection',
      module: 'rotating',
      text: text('Leaders here understand the demands of my work.', 'Los líderes aquí entienden las exigencias de mi trabajo.'),
      ...agree(true),
    },
    {
      id: 'verbal_abuse',
      domain: 'safety',
      module: 'rotating',
      text: text(
        'In the past month, how often did a patient or visitor verbally abuse you?',
        'En el último mes, ¿con qué frecuencia un paciente o visitante le agredió verbalmente?',
      ),
      options: [
        { value: 1, label: text('Never', 'Nunca') },
        { value: 2, label: text('Once', 'Una vez') },
        { value: 3, label: text('A few times', 'Algunas veces') },
        { value: 4, label: text('Weekly or more', 'Semanalmente o más') },
      ],
      adverse: [2, 3, 4],
    },
  ],
}))();

/**
 * The items asked in the wave with the given sequence number: every core item, then the
 * rotating items in turn, so each gets asked regularly without lengthening the pulse.
 */
export function itemsForWave(instrument: Instrument, waveSequence: number): Item[] {
  const core = instrument.items.filter((i) => i.module === 'core');
  const rotating = instrument.items.filter((i) => i.module === 'rotating');
  const take = Math.min(instrument.rotatingPerWave, rotating.length);
  const chosen: Item[] = [];
  for (let offset = 0; offset < take; offset++) {
    const item = rotating[(waveSequence * take + offset) % rotating.length];
    if (item) chosen.push(item);
  }
  return [...core, ...chosen];
}

/** Whether an answer to an item counts as adverse. */
export function isAdverse(item: Item, value: number): boolean {
  return item.adverse.includes(value);
}
