import type { SetupField, SetupStep } from '@identity-kit/sdk';
import type { UseMutationResult } from '@tanstack/react-query';
import {
  type ComponentPropsWithoutRef,
  Fragment,
  forwardRef,
  type ReactNode,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { useUsers } from '../hooks/useUsers';
import { formatDateTime, formatRelative, type Params } from '../i18n/format';
import { useIdentityKit } from '../provider/context';
import { POLL_MS } from '../query/options';
import { ConfirmDialog } from './ConfirmDialog';
import { useCx } from './cx';
import { HeadingLevel } from './Heading';
import { ErrorNotice, type Tone } from './Notice';
import { QueryState } from './QueryState';

// The parts ConnectScimProvider and DirectorySyncPicker share, in one module: each module of the bundle repeats
// its own imports, and the kit has a size budget.

export interface SubHeadingProps extends ComponentPropsWithoutRef<'h3'> {
  /** Levels below the component's title: 1 for a step or a card, 2 for a part of one, 3 for a part of that. */
  depth: 1 | 2 | 3;
}

/** A heading under the component's title, so the outline stays right at whatever level the title sits. */
export function SubHeading({ depth, ...props }: SubHeadingProps) {
  const Tag = `h${Math.min(useContext(HeadingLevel) + depth, 6)}` as 'h3';
  return <Tag className={useCx()('ik-Subtitle')} {...props} />;
}

/**
 * Moves focus, once the next render is on screen, to the element with the id given: the new step's heading when
 * a flow moves on, a card's heading or the connect button when the flow closes or a card goes away.
 */
export function useFocusById() {
  const [target, setTarget] = useState<{ id: string }>();
  useEffect(() => {
    if (target) document.getElementById(target.id)?.focus();
  }, [target]);
  return (id: string) => setTarget({ id });
}

/** A time as "3 minutes ago", with the full date and time on hover. */
export function When({ iso }: { iso: string }) {
  const { locale } = useIdentityKit();
  return (
    <time dateTime={iso} title={formatDateTime(locale, iso)}>
      {formatRelative(locale, iso)}
    </time>
  );
}

export interface ButtonProps extends ComponentPropsWithoutRef<'button'> {
  variant?: 'secondary' | 'danger' | undefined;
  /** While its action runs: the label to show instead (e.g. "Working…"); the button can't fire again. */
  pending?: string | false | undefined;
  /** Unavailable for now, yet still focusable and described (another action runs). */
  busy?: boolean | undefined;
}

/**
 * The kit's button. Pending or busy, it stays focusable (`aria-disabled`) but does nothing when pressed. It forwards
 * its ref (React 18 passes none to a plain function component), so a dialog can return focus to it.
 */
export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant, pending, busy, children, onClick, ...props },
  ref,
) {
  const cx = useCx();
  return (
    <button
      ref={ref}
      type="button"
      className={cx('ik-Button')}
      data-variant={variant}
      aria-disabled={pending || busy ? true : undefined}
      data-status={pending ? 'pending' : undefined}
      onClick={pending || busy ? undefined : onClick}
      {...props}
    >
      {pending || children}
    </button>
  );
});

export interface ActionsProps {
  /** Cancel or Back: unavailable while the form is sent. */
  back: string;
  onBack: () => void;
  submit: string;
  /** The submit button's label while the form is sent, or false. */
  pending: string | false;
}

/** A form's buttons: going back, and submitting. */
export function Actions({ back, onBack, submit, pending }: ActionsProps) {
  const cx = useCx();
  return (
    <div className={cx('ik-Actions')}>
      <Button variant="secondary" disabled={Boolean(pending)} onClick={onBack}>
        {back}
      </Button>
      <Button type="submit" pending={pending}>
        {submit}
      </Button>
    </div>
  );
}

/** A short status word in a pill. */
export function Badge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return (
    <span className={useCx()('ik-Badge')} data-tone={tone}>
      {children}
    </span>
  );
}

export interface CardProps {
  /** The heading's id: it names the card and takes focus when a flow returns to it. */
  id: string;
  name: string;
  /** `data-state` of the card, e.g. `active`. */
  state: string;
  badge: string;
  tone: Tone;
  /** Facts as term and value; numbers are formatted in the locale. Falsy entries are left out. */
  meta: Array<[string, ReactNode] | false | null | undefined | ''>;
  children: ReactNode;
}

/** One connection: name, status badge, facts, then whatever the component adds (actions, details). */
export function Card({ id, name, state, badge, tone, meta, children }: CardProps) {
  const cx = useCx();
  const { locale } = useIdentityKit();
  return (
    <article className={cx('ik-Card')} aria-labelledby={id} data-state={state}>
      <div className={cx('ik-Row')}>
        <SubHeading depth={1} id={id} tabIndex={-1}>
          {name}
        </SubHeading>
        <Badge tone={tone}>{badge}</Badge>
      </div>
      <dl className={cx('ik-Meta')}>
        {meta.map(
          (m) =>
            m && (
              <Fragment key={m[0]}>
                <dt>{m[0]}</dt>
                <dd>{typeof m[1] === 'number' ? new Intl.NumberFormat(locale).format(m[1]) : m[1]}</dd>
              </Fragment>
            ),
        )}
      </dl>
      {children}
    </article>
  );
}

export interface ChoicesProps<T extends string> {
  legend: string;
  /** Describes the whole group. */
  hint?: string | undefined;
  /** Shown under the choices, linked to the group, and marks it invalid. */
  error?: string | false | undefined;
  /** With a `hint`, a choice is a card that describes itself; without, a pill. */
  options: { value: T; label: string; hint?: string }[];
  value: T | undefined;
  onChange: (value: T) => void;
}

/** Radio buttons in a fieldset: arrow keys move between them; the legend, hints and error are wired up. */
export function Choices<T extends string>({
  legend,
  hint,
  error,
  options,
  value,
  onChange,
}: ChoicesProps<T>) {
  const cx = useCx();
  const id = useId();
  return (
    <fieldset
      className={cx('ik-Choices')}
      aria-describedby={[hint && `${id}h`, error && `${id}e`].filter(Boolean).join(' ') || undefined}
      data-invalid={error ? '' : undefined}
    >
      <legend className={cx('ik-Label')}>{legend}</legend>
      {hint && (
        <p id={`${id}h`} className={cx('ik-Hint')}>
          {hint}
        </p>
      )}
      {options.map((o) => (
        <label
          key={o.value}
          className={cx(o.hint ? 'ik-Option' : 'ik-Choice')}
          data-checked={o.value === value || undefined}
        >
          <input
            type="radio"
            name={id}
            value={o.value}
            checked={o.value === value}
            onChange={() => onChange(o.value)}
            aria-invalid={error ? true : undefined}
            aria-labelledby={`${id}${o.value}`}
            aria-describedby={o.hint && `${id}${o.value}d`}
          />
          <span id={`${id}${o.value}`}>{o.label}</span>
          {o.hint && (
            <span id={`${id}${o.value}d`} className={cx('ik-Hint')}>
              {o.hint}
            </span>
          )}
        </label>
      ))}
      {error && (
        <p id={`${id}e`} className={cx('ik-FieldError')}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

export interface GuideProps {
  title: string;
  steps: SetupStep[];
  /** What to say for a field whose value comes from the new connection, by `SetupField.value`. */
  fills?: Partial<Record<SetupField['value'], string>>;
  /** A second list under its own heading: notes, permissions. */
  listTitle: string;
  list: string[];
  /** Shows the list's entries as code (scopes, roles). */
  code?: boolean;
  /** The provider's documentation, opened in a new tab; `link` says so. */
  href: string;
  link: string;
}

/** A provider's setup steps from the catalog (which of its fields takes which value), a list, and its docs. */
export function Guide({ title, steps, fills = {}, listTitle, list, code, href, link }: GuideProps) {
  const cx = useCx();
  const id = useId();
  return (
    <section className={cx('ik-Guide')} aria-labelledby={id}>
      <SubHeading depth={2} id={id}>
        {title}
      </SubHeading>
      <ol className={cx('ik-Steps')}>
        {steps.map((s) => (
          <li key={s.id} data-step-id={s.id}>
            <p className={cx('ik-Label')}>{s.title}</p>
            <p>{s.body}</p>
            {s.fields.length > 0 && (
              <dl className={cx('ik-Meta')}>
                {s.fields.map((f) => (
                  <Fragment key={f.label}>
                    <dt>{f.label}</dt>
                    <dd data-value={f.value}>
                      {fills[f.value] ?? (f.value === 'literal' ? <code>{f.text}</code> : f.text)}
                    </dd>
                  </Fragment>
                ))}
              </dl>
            )}
          </li>
        ))}
      </ol>
      {list.length > 0 && (
        <>
          <SubHeading depth={2} id={`${id}l`}>
            {listTitle}
          </SubHeading>
          <ul className={cx('ik-Steps')} aria-labelledby={`${id}l`}>
            {list.map((x) => (
              <li key={x}>{code ? <code>{x}</code> : x}</li>
            ))}
          </ul>
        </>
      )}
      <a href={href} target="_blank" rel="noreferrer">
        {link}
      </a>
    </section>
  );
}

export interface DisconnectProps {
  /** The component's messages: `disconnect`, `disconnectTitle`, `disconnectBody` and `working`. */
  t: (key: 'disconnect' | 'disconnectTitle' | 'disconnectBody' | 'working', params?: Params) => string;
  /** For the dialog's title and body: at least the connection's `name`. */
  params: Params;
  /** The delete mutation, called with `id`. */
  remove: UseMutationResult<unknown, Error, string>;
  id: string;
  /** The id of the card's heading, which describes the button. */
  describedBy: string;
  onDone: () => void;
}

/** Disconnect, confirmed in a dialog that stays open, with the reason, when it fails. */
export function Disconnect({ t, params, remove, id, describedBy, onDone }: DisconnectProps) {
  const [open, setOpen] = useState(false);
  return (
    <ConfirmDialog
      trigger={
        <Button variant="secondary" aria-describedby={describedBy}>
          {t('disconnect')}
        </Button>
      }
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        remove.reset();
      }}
      tone="danger"
      title={t('disconnectTitle', params)}
      description={t('disconnectBody', params)}
      confirmLabel={t('disconnect')}
      pendingLabel={t('working')}
      pending={remove.isPending}
      onConfirm={() => remove.mutateAsync(id).then(onDone, () => {})}
    >
      {remove.isError && <ErrorNotice error={remove.error} />}
    </ConfirmDialog>
  );
}

export interface UsersPreviewProps {
  connectionId: string;
  title: string;
  /** Looks again when this changes (new counts, a finished sync): one request, however many show it. */
  watch: unknown;
  /** Looks again every few seconds, while the first users are awaited. */
  poll?: boolean;
}

/** The first users a connection brought in: did they arrive? Nothing while there are none. */
export function UsersPreview({ connectionId, title, watch, poll }: UsersPreviewProps) {
  const cx = useCx();
  const id = useId();
  const query = useUsers({ connectionId, limit: 5 }, { refetchInterval: poll ? POLL_MS : false });
  const seen = useRef(watch);
  const { refetch } = query;
  useEffect(() => {
    if (seen.current !== watch) {
      seen.current = watch;
      refetch();
    }
  }, [watch, refetch]);
  return (
    <QueryState query={query}>
      {(page) =>
        page.data.length > 0 && (
          <div className={cx('ik-Users')}>
            <SubHeading depth={2} id={id}>
              {title}
            </SubHeading>
            <ul className={cx('ik-List')} aria-labelledby={id}>
              {page.data.map((u) => (
                <li key={u.id}>
                  {u.displayName} <span className={cx('ik-Hint')}>{u.email}</span>
                </li>
              ))}
            </ul>
          </div>
        )
      }
    </QueryState>
  );
}
