/**
 * Application forms as data. One definition drives three things:
 *   - the mini-program renders it step by step (a step = one screen),
 *   - the server validates submitted values with `formSchema(def, { mode })` (to-zod.ts),
 *   - exports (Word/Excel) print it in the seed's order with the seed's labels.
 * A new programme's form is a new definition, never new code.
 */

export const fieldTypes = [
  'text',
  'textarea',
  /** mainland mobile, 11 digits */
  'mobile',
  /** landline (area code, extension) or mobile */
  'phone',
  /** landline format */
  'fax',
  'email',
  'postcode',
  'qq',
  'wechat',
  /** one cell that takes a QQ number or a WeChat id (the station form's "QQ/微信") */
  'qqOrWechat',
  /** China calendar date 'YYYY-MM-DD' */
  'date',
  'select',
  'multiselect',
  'integer',
  /** a decimal number on the field's `step` (e.g. 0.5; default 0.01) */
  'number',
  /** integer yuan, never a float */
  'yuan',
  /** integer 0..100 */
  'percent',
  /**
   * An opinion block: opinion text + seal + date line. Filled and sealed on paper by the
   * body named in the label, never on the phone: it carries no value, the printer draws it.
   */
  'opinion',
] as const;
export type FieldType = (typeof fieldTypes)[number];

export interface FieldOption {
  /** stored value: stable, never shown */
  readonly value: string;
  /** shown to the person, Chinese */
  readonly label: string;
}

export interface FormField {
  /** stable English camelCase key, unique in the form; the key of `values` */
  readonly key: string;
  /** Chinese label, exactly as printed on the seed's form (typographic spaces removed) */
  readonly label: string;
  readonly type: FieldType;
  /** enforced in submit mode only; drafts may leave anything empty */
  readonly required: boolean;
  /**
   * Unambiguous Chinese name used in messages and lists when the label alone repeats
   * inside the form (the seed prints 手机 / 职务 / 邮编 several times). Defaults to the label.
   */
  readonly name?: string;
  /** text/textarea: cap after trimming (defaults: text 100, textarea 2000) */
  readonly maxLength?: number;
  /** select/multiselect */
  readonly options?: readonly FieldOption[];
  /** integer/yuan: bounds (inclusive) on top of the type's own */
  readonly min?: number;
  readonly max?: number;
  /** number: the value is a multiple of it (0.5 = half points; default 0.01) */
  readonly step?: number;
  /** help text, e.g. the seed's bracketed hint under a cell */
  readonly help?: string;
  /** sub-block title, e.g. '联系人' or '建站学会基本情况' */
  readonly group?: string;
  /**
   * The printed form repeats a value in another cell (cover page and table): this cell shows
   * the value of field `mirrorOf` and takes no input of its own.
   */
  readonly mirrorOf?: string;
  /** yuan: this cell is the total of these yuan fields (a budget table's 合计) */
  readonly sumOf?: readonly string[];
  /** date: may not be earlier than the date in this field (e.g. end date vs start date) */
  readonly notBefore?: string;
}

export interface FormStep {
  /** stable English id, unique in the form */
  readonly id: string;
  /** Chinese title of the screen / printed section */
  readonly title: string;
  readonly fields: readonly FormField[];
}

export interface FormDefinition {
  /** `${programmeId}/${kindId}`, fixed: drafts, exports and rules refer to it */
  readonly id: string;
  /** Chinese title, as printed on the cover */
  readonly title: string;
  /** the seed the form comes from, and whether the seed prints the form or we derived it */
  readonly source: { readonly seed: string; readonly origin: 'seed-form' | 'derived' };
  readonly steps: readonly FormStep[];
}

/** A field with the step it sits on. */
export interface PlacedField {
  readonly stepId: string;
  readonly field: FormField;
}

/** Every field of a form in printed order, with its step. */
export const allFields = (def: FormDefinition): PlacedField[] =>
  def.steps.flatMap((step) => step.fields.map((field) => ({ stepId: step.id, field })));

/** True for fields that hold a value typed in on the phone (not opinions, not mirrors). */
export const takesInput = (field: FormField): boolean => field.type !== 'opinion' && field.mirrorOf === undefined;

/** The fields whose values are filled in on the phone, in printed order. */
export const inputFields = (def: FormDefinition): PlacedField[] => allFields(def).filter((p) => takesInput(p.field));

/** The name a person reads in a message about this field. */
export const fieldName = (field: FormField): string => field.name ?? field.label;

/** `${programmeId}/${kindId}` */
export const formIdFor = (programmeId: string, kindId: string): string => `${programmeId}/${kindId}`;

/** Field types whose value is a string. */
export const stringTypes: ReadonlySet<FieldType> = new Set<FieldType>([
  'text',
  'textarea',
  'mobile',
  'phone',
  'fax',
  'email',
  'postcode',
  'qq',
  'wechat',
  'qqOrWechat',
  'date',
  'select',
]);
/** Field types whose value is a number. */
export const numberTypes: ReadonlySet<FieldType> = new Set<FieldType>(['integer', 'number', 'yuan', 'percent']);
