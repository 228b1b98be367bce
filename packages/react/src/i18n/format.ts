/** A translatable message: a template with `{name}` placeholders, or plural forms chosen by `{count}`. */
export type Message = string | PluralMessage;
export type PluralMessage = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Params = Record<string, string | number>;

/** Fills a message's placeholders; plural forms follow the locale's rules for `params.count`. */
export function format(locale: string, message: Message, params: Params = {}): string {
  const template =
    typeof message === 'string'
      ? message
      : (message[new Intl.PluralRules(locale).select(Number(params.count ?? 0))] ?? message.other);
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : value;
  });
}

export type DurationUnit = 'minute' | 'hour' | 'day';
export const unitSeconds: Record<DurationUnit, number> = { minute: 60, hour: 3600, day: 86400 };

/**
 * The unit people would say: the largest that divides `seconds` evenly, except that up to two days read in
 * hours. So 28800 is "8 hours", 86400 "24 hours", 604800 "7 days" and 5400 "90 minutes".
 */
export function bestUnit(seconds: number): DurationUnit {
  if (seconds % unitSeconds.day === 0 && seconds > 2 * unitSeconds.day) return 'day';
  if (seconds % unitSeconds.hour === 0) return 'hour';
  return 'minute';
}

/** "8 hours", "8 Stunden", "90 minutes": in the locale, with its plural rules. */
export function formatDuration(locale: string, seconds: number): string {
  const unit = bestUnit(seconds);
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: 'long',
    maximumFractionDigits: 1,
  }).format(seconds / unitSeconds[unit]);
}

export function formatDateTime(locale: string, iso: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

const steps: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 30],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "3 minutes ago", "vor 3 Minuten". */
export function formatRelative(locale: string, iso: string, now = Date.now()): string {
  let value = (Date.parse(iso) - now) / 1000;
  for (const [unit, size] of steps) {
    if (Math.abs(value) < size) {
      return new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(Math.round(value), unit);
    }
    value /= size;
  }
  return '';
}
