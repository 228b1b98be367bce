import type { SessionPolicy } from '@identity-kit/sdk';
import { type FormEvent, useId, useState } from 'react';
import { useSessionPolicy, useUpdateSessionPolicy } from '../../hooks/useSessionPolicy';
import { formsMessages } from '../../i18n/en/forms';
import { sessionMessages } from '../../i18n/en/session';
import { bestUnit, type DurationUnit, formatDuration, unitSeconds } from '../../i18n/format';
import { useMessages } from '../../i18n/useMessages';
import { useCx } from '../../parts/cx';
import { Field } from '../../parts/Field';
import { fieldErrorsOf } from '../../parts/fieldErrors';
import { Heading } from '../../parts/Heading';
import { mutationStatus } from '../../parts/mutationStatus';
import { ErrorNotice, Notice } from '../../parts/Notice';
import { QueryState } from '../../parts/QueryState';
import { Root } from '../../parts/Root';

export interface SessionDurationFormProps {
  className?: string;
  /** Called with the saved policy. */
  onSaved?: (policy: SessionPolicy) => void;
}

/** How long sessions last: the server's presets or a custom length, within the server's bounds. */
export function SessionDurationForm({ className, onSaved }: SessionDurationFormProps) {
  const { t } = useMessages('session', sessionMessages);
  const cx = useCx();
  const id = useId();
  const query = useSessionPolicy();
  const update = useUpdateSessionPolicy();
  return (
    <Root
      part="SessionDurationForm"
      className={className}
      aria-labelledby={id}
      data-status={mutationStatus(update)}
    >
      <Heading id={id}>{t('title')}</Heading>
      <p className={cx('ik-Text')}>{t('description')}</p>
      <QueryState query={query}>
        {(policy) => (
          // Re-keyed on the saved value: after a save the form starts from the new policy; after a failure it
          // keeps what the admin chose.
          <DurationForm
            key={policy.sessionDurationSeconds}
            policy={policy}
            update={update}
            onSave={(seconds) =>
              update.mutate({ sessionDurationSeconds: seconds }, { onSuccess: (saved) => onSaved?.(saved) })
            }
          />
        )}
      </QueryState>
    </Root>
  );
}

type Update = ReturnType<typeof useUpdateSessionPolicy>;

interface DurationFormProps {
  policy: SessionPolicy;
  update: Update;
  onSave: (seconds: number) => void;
}

function DurationForm({ policy, update, onSave }: DurationFormProps) {
  const { t, locale } = useMessages('session', sessionMessages);
  const forms = useMessages('forms', formsMessages);
  const cx = useCx();
  const id = useId();
  const current = policy.sessionDurationSeconds;
  const presets = policy.presets.sessionDurationSeconds;
  const { min, max } = policy.bounds.sessionDurationSeconds;
  const [choice, setChoice] = useState<number | 'custom'>(presets.includes(current) ? current : 'custom');
  const [unit, setUnit] = useState<DurationUnit>(bestUnit(current));
  const [amount, setAmount] = useState(String(current / unitSeconds[bestUnit(current)]));

  const duration = (seconds: number) => formatDuration(locale, seconds);
  const customSeconds = Number(amount) * unitSeconds[unit];
  const seconds = choice === 'custom' ? customSeconds : choice;
  const invalid =
    choice !== 'custom'
      ? undefined
      : !Number.isInteger(Number(amount)) || amount.trim() === ''
        ? t('wholeNumber')
        : customSeconds < min || customSeconds > max
          ? t('outOfRange', { min: duration(min), max: duration(max) })
          : undefined;
  const error = invalid ?? fieldErrorsOf(update.error, forms.t).sessionDurationSeconds;
  const changed = seconds !== current;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (changed && !invalid && !update.isPending) onSave(seconds);
  };

  return (
    <form className={cx('ik-Stack')} onSubmit={submit} noValidate>
      <p>{t('current', { duration: duration(current) })}</p>
      <fieldset className={cx('ik-Choices')}>
        <legend className={cx('ik-Label')}>{t('length')}</legend>
        {[...presets, 'custom' as const].map((value) => (
          <label key={value} className={cx('ik-Choice')} data-checked={choice === value || undefined}>
            <input
              type="radio"
              name={`${id}-length`}
              checked={choice === value}
              onChange={() => setChoice(value)}
            />
            {value === 'custom' ? t('custom') : duration(value)}
          </label>
        ))}
      </fieldset>
      {choice === 'custom' && (
        <div className={cx('ik-Row')}>
          <Field
            label={t('amount')}
            description={error ? undefined : t('bounds', { min: duration(min), max: duration(max) })}
            error={error}
          >
            <input
              className={cx('ik-Input')}
              type="number"
              inputMode="numeric"
              min={1}
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
            />
          </Field>
          <Field label={t('unit')}>
            <select
              className={cx('ik-Select')}
              value={unit}
              onChange={(e) => setUnit(e.target.value as DurationUnit)}
            >
              {(['minute', 'hour', 'day'] as const).map((u) => (
                <option key={u} value={u}>
                  {t(u)}
                </option>
              ))}
            </select>
          </Field>
        </div>
      )}
      <p className={cx('ik-Hint')}>
        {t(policy.appliesTo === 'all_sessions' ? 'appliesToAll' : 'appliesToNew')}
      </p>
      {update.isError && <ErrorNotice error={update.error} onRetry={() => onSave(seconds)} />}
      {update.isSuccess && (
        <Notice tone="success">
          {t('saved', { duration: duration(update.data.sessionDurationSeconds) })}
        </Notice>
      )}
      <div className={cx('ik-Actions')}>
        <button
          type="submit"
          className={cx('ik-Button')}
          disabled={!changed || Boolean(invalid)}
          aria-disabled={update.isPending || undefined}
          data-status={update.isPending ? 'pending' : undefined}
        >
          {update.isPending ? forms.t('saving') : t('save')}
        </button>
      </div>
    </form>
  );
}
