import type { CredentialField, DirectoryConnection, Provider, ProviderId } from '@identity-kit/sdk';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import {
  useCreateDirectoryConnection,
  useDeleteDirectoryConnection,
  useDirectoryConnections,
  useStartSync,
  useSyncRuns,
  useUpdateDirectoryConnection,
} from '../../hooks/useDirectoryConnections';
import { useProviders } from '../../hooks/useProviders';
import { commonMessages } from '../../i18n/en/common';
import { directoryMessages } from '../../i18n/en/directory';
import { formsMessages } from '../../i18n/en/forms';
import { useMessages } from '../../i18n/useMessages';
import {
  Actions,
  Badge,
  Button,
  Card,
  Choices,
  Disconnect,
  Guide,
  SubHeading,
  UsersPreview,
  useFocusById,
  When,
} from '../../parts/connections';
import { useCx } from '../../parts/cx';
import { Field } from '../../parts/Field';
import { fieldErrorsOf } from '../../parts/fieldErrors';
import { Heading } from '../../parts/Heading';
import { ErrorNotice, Notice } from '../../parts/Notice';
import { QueryState } from '../../parts/QueryState';
import { Root } from '../../parts/Root';
import { useIdentityKit } from '../../provider/context';
import { directoryConnectionsKey } from '../../query/keys';
import { type CredentialValues, checkCredential, isShown } from './credential-validation';

export interface DirectorySyncPickerProps {
  className?: string;
  /** Called when a directory was saved; it is then `validating`, and turns `active` or `invalid_credentials`. */
  onConnected?: (connection: DirectoryConnection) => void;
  onDisconnected?: (id: string) => void;
  /** Offer only these providers (of those that support directory sync), in the catalog's order. */
  providers?: ProviderId[];
}

type T = ReturnType<typeof useMessages<'directory'>>['t'];

/**
 * Connect a directory (Okta, Entra ID, Google Workspace, JumpCloud) with API credentials, watch it validate and
 * sync, fix rejected credentials, sync on demand, see the last runs and the users that arrived, disconnect.
 */
export function DirectorySyncPicker({
  className,
  onConnected,
  onDisconnected,
  providers,
}: DirectorySyncPickerProps) {
  const { t } = useMessages('directory', directoryMessages);
  const cx = useCx();
  const id = useId();
  const connections = useDirectoryConnections();
  const catalog = useProviders();
  // true while connecting one, the id of the connection whose credentials are updated, or false.
  const [step, setStep] = useState<boolean | string>(false);
  const focus = useFocusById();
  // Opens or closes a flow, then focuses `id + to`: the flow's heading, a card's, or the connect button ('a').
  const go = (next: boolean | string, to: string) => {
    setStep(next);
    focus(id + to);
  };

  return (
    <Root
      part="DirectorySyncPicker"
      className={className}
      aria-labelledby={id}
      data-step={step === true ? 'connect' : step ? 'update' : 'list'}
    >
      <Heading id={id}>{t('title')}</Heading>
      <p className={cx('ik-Text')}>{t('description')}</p>
      <QueryState query={connections}>
        {(list) => (
          <QueryState query={catalog}>
            {(all) => {
              const providerOf = (c: DirectoryConnection) => all.find((p) => p.id === c.provider);
              const choices = all.filter((p) => p.directorySync && (!providers || providers.includes(p.id)));
              const editing = list.find((c) => c.id === step);
              const editingProvider = editing && providerOf(editing);
              if (step === true || editingProvider)
                return (
                  <Connect
                    id={`${id}s`}
                    connection={editing}
                    providers={editingProvider ? [editingProvider] : choices}
                    onCancel={() => go(false, editing ? editing.id : 'a')}
                    onDone={(c) => {
                      go(false, c.id);
                      if (!editing) onConnected?.(c);
                    }}
                  />
                );
              return (
                <>
                  {list.length === 0 && <p>{t('empty')}</p>}
                  {list.map((c) => (
                    <ConnectionCard
                      key={c.id}
                      id={id + c.id}
                      c={c}
                      t={t}
                      provider={providerOf(c)?.name ?? c.provider}
                      onUpdate={providerOf(c) && (() => go(c.id, 's'))}
                      onDisconnected={() => {
                        focus(`${id}a`);
                        onDisconnected?.(c.id);
                      }}
                    />
                  ))}
                  {choices.length > 0 && (
                    <Button
                      id={`${id}a`}
                      variant={list.length > 0 ? 'secondary' : undefined}
                      onClick={() => go(true, 's')}
                    >
                      {t(list.length > 0 ? 'connectAnother' : 'connect')}
                    </Button>
                  )}
                </>
              );
            }}
          </QueryState>
        )}
      </QueryState>
    </Root>
  );
}

interface ConnectProps {
  /** The heading's id. */
  id: string;
  /** Updating this connection's credentials; connecting a new one without. */
  connection?: DirectoryConnection | undefined;
  /** The providers to choose from; when updating, the connection's. */
  providers: Provider[];
  onCancel: () => void;
  onDone: (connection: DirectoryConnection) => void;
}

/**
 * Pick a provider, then fill in the form generated from its `directorySync.fields`, beside its steps for creating
 * those credentials. Updating, the form comes prefilled: new secrets replace the saved ones, an empty secret keeps
 * its saved value. Typed secrets live only in this state: gone when it unmounts after a save.
 */
function Connect({ id, connection, providers, onCancel, onDone }: ConnectProps) {
  const { t } = useMessages('directory', directoryMessages);
  const common = useMessages('common', commonMessages);
  const forms = useMessages('forms', formsMessages);
  const cx = useCx();
  const create = useCreateDirectoryConnection();
  const update = useUpdateDirectoryConnection();
  const save = connection ? update : create;
  const form = useRef<HTMLFormElement>(null);
  const saved = connection?.credentials ?? {};
  /** A saved value: '' for a secret, undefined when there is none. */
  const was = (key: string) => {
    const v = saved[key];
    return v && (v.secret ? '' : v.value);
  };
  const start = (p?: Provider): CredentialValues => ({
    ...Object.fromEntries(p?.directorySync?.fields.map((f) => [f.key, was(f.key) ?? f.default ?? '']) ?? []),
    '': connection?.name ?? '',
  });
  const [provider, setProvider] = useState(providers.length === 1 ? providers[0] : undefined);
  const [values, setValues] = useState(() => start(provider));
  // By field key ('' for the name, `provider` for the choice): the client's check, or the server's field error
  // until that field is edited.
  const [problems, setProblems] = useState<Record<string, string | undefined>>({});
  // A new object after a save stopped by problems (focus goes to the first), or 'unchanged'.
  const [checked, setChecked] = useState<object | 'unchanged' | null>(null);

  const setup = provider?.directorySync;
  const shown = setup?.fields.filter((f) => isShown(f, values)) ?? [];
  // The connection's name is checked like a credential field, under the key '' (no credential's).
  const all = provider
    ? [
        ...shown,
        {
          key: '',
          label: t('name'),
          kind: 'text',
          placeholder: provider.name,
          validation: { maxLength: 100 },
        } as CredentialField,
      ]
    : [];
  const kept = (f: CredentialField) => saved[f.key]?.secret;
  const say = (f: CredentialField, value = values[f.key] ?? '') => {
    const p = checkCredential(f, value, kept(f));
    return p && (p.code in directoryMessages ? t : forms.t)(p.code as never, p);
  };
  const recheck = (f: CredentialField, value?: string) =>
    setProblems((p) => ({ ...p, [f.key]: say(f, value) }));
  // Only what is on screen counts: a hidden field's old problem is not the admin's to fix.
  const problemCount = all.filter((f) => problems[f.key]).length;
  const pending = save.isPending;
  const error = save.error;

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on purpose after a check or a failed save.
  useEffect(
    () => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(),
    [checked, error],
  );

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (pending) return;
    const found = Object.fromEntries(all.map((f) => [f.key, say(f)]));
    setProblems(found);
    if (Object.values(found).some(Boolean)) return setChecked({});
    const credentials: CredentialValues = {};
    for (const f of shown) {
      const value = (values[f.key] ?? '').trim();
      if (f.secret ? value : value !== (was(f.key) ?? '')) credentials[f.key] = value;
    }
    const name = values['']?.trim() || undefined;
    const params = { credentials, name: name === connection?.name ? undefined : name };
    if (connection && !params.name && !Object.keys(credentials).length) return setChecked('unchanged');
    setChecked(null);
    const done = {
      onSuccess: (c: DirectoryConnection) => {
        save.reset(); // the request held the secrets: let go of them
        onDone(c);
      },
      // The server's field errors, on their fields: `credentials.orgUrl` on orgUrl, `name` on the name.
      onError: (e: Error) =>
        setProblems(
          Object.fromEntries(
            Object.entries(fieldErrorsOf(e, forms.t)).map(([path, m]) => [
              path.replace(/^credentials\.|^name$/, ''),
              m,
            ]),
          ),
        ),
    };
    if (connection) update.mutate({ id: connection.id, ...params }, done);
    else create.mutate({ provider: (provider as Provider).id, ...params }, done);
  };

  const renderField = (f: CredentialField) => {
    const value = values[f.key] ?? '';
    const label = f.required ? f.label : t('optional', { label: f.label });
    const description =
      [kept(f) && t('keepSecret', { hint: (saved[f.key] as { hint: string }).hint }), f.help]
        .filter(Boolean)
        .join(' ') || undefined;
    const error = problems[f.key];
    const change = (next: string) => {
      setValues((v) => ({ ...v, [f.key]: next }));
      if (error) recheck(f, next);
    };
    if (f.kind === 'select')
      return (
        <Choices
          key={f.key}
          legend={label}
          hint={description}
          error={error}
          options={f.options ?? []}
          value={value}
          onChange={change}
        />
      );
    const input = {
      value,
      onChange: (event: { target: { value: string } }) => change(event.target.value),
      // Checked on leaving a field with a value (or one already marked), not on tabbing through empty ones.
      onBlur: () => (value.trim() || error) && recheck(f),
      placeholder: f.placeholder,
      autoComplete: 'off',
      spellCheck: false,
    };
    return (
      <Field
        key={f.key}
        label={label}
        description={description}
        error={error}
        required={f.required && !kept(f)}
      >
        {f.kind === 'textarea' ? (
          <textarea {...input} className={cx('ik-Textarea')} rows={5} />
        ) : (
          <input
            {...input}
            className={cx('ik-Input')}
            type={f.secret || f.kind === 'secret' ? 'password' : f.kind}
          />
        )}
      </Field>
    );
  };

  return (
    <div className={cx('ik-Stack')}>
      <SubHeading depth={1} id={id} tabIndex={-1}>
        {connection ? t('updateTitle', { name: connection.name }) : t('connect')}
      </SubHeading>
      {connection ? (
        connection.stateReason && <p className={cx('ik-Text')}>{connection.stateReason.message}</p>
      ) : (
        <Choices
          legend={t('provider')}
          error={problems.provider}
          options={providers.map((p) => ({ value: p.id, label: p.name }))}
          value={provider?.id}
          onChange={(v) => {
            const p = providers.find((x) => x.id === v);
            create.reset();
            setProblems({});
            setProvider(p);
            setValues(start(p));
          }}
        />
      )}
      {setup ? (
        <div className={cx('ik-DirectoryForm')}>
          <form
            ref={form}
            className={cx('ik-Stack')}
            onSubmit={submit}
            noValidate
            data-status={pending ? 'pending' : error || checked ? 'error' : 'idle'}
          >
            {all.map(renderField)}
            {checked === 'unchanged' ? (
              <Notice tone="warning">{t('unchanged')}</Notice>
            ) : checked && problemCount > 0 ? (
              <Notice tone="error">{common.t('fixFields', { count: problemCount })}</Notice>
            ) : (
              error && <ErrorNotice error={error} onRetry={submit} />
            )}
            <Actions
              back={common.t('cancel')}
              onBack={onCancel}
              submit={connection ? forms.t('save') : t('save')}
              pending={pending && forms.t('saving')}
            />
          </form>
          <Guide
            title={t('guide')}
            steps={setup.steps.filter((s) => isShown(s, values))}
            listTitle={t('permissions')}
            list={setup.permissions}
            code
            href={setup.docsUrl ?? (provider as Provider).docsUrl}
            link={t('docs', { provider: (provider as Provider).name })}
          />
        </div>
      ) : (
        <Button variant="secondary" onClick={onCancel}>
          {common.t('cancel')}
        </Button>
      )}
    </div>
  );
}

/** What a connection's state says in its card's live status: heard when it changes. */
const says = { validating: 'checking', syncing: 'syncingNow', active: 'upToDate' } as const;

/** The badge's tone of a connection's state or a run's status: active and succeeded; invalid_credentials, error
 * and failed; validating, syncing and running. */
const tone = (state: string) =>
  /^(a|su)/.test(state) ? 'success' : /^(i|e|f)/.test(state) ? 'error' : 'info';

interface ConnectionCardProps {
  c: DirectoryConnection;
  t: T;
  /** The provider's name. */
  provider: string;
  /** The card's heading: focused when a flow returns to this card. */
  id: string;
  /** Opens the credential form; left out when the provider is unknown to the catalog. */
  onUpdate?: (() => void) | undefined;
  onDisconnected: () => void;
}

/** One connected directory: its state, counts, sync now, last runs, synced users, disconnect. */
function ConnectionCard({ c, t, provider, id, onUpdate, onDisconnected }: ConnectionCardProps) {
  const cx = useCx();
  const { queryClient, client } = useIdentityKit();
  const sync = useStartSync();
  const remove = useDeleteDirectoryConnection();
  const busy = c.state === 'syncing';
  const last = c.lastSyncRun;
  const say = says[c.state as 'active'];
  const startSync = () =>
    sync.mutate(c.id, {
      // Someone (or the schedule) may have started one since this page last looked: show it.
      onError: () => queryClient.invalidateQueries({ queryKey: directoryConnectionsKey(client.workspaceId) }),
    });

  return (
    <Card
      id={id}
      name={c.name}
      state={c.state}
      badge={t(c.state)}
      tone={tone(c.state)}
      meta={[
        [t('provider'), provider],
        [t('users'), c.counts.users],
        [t('groups'), c.counts.groups],
        // biome-ignore lint/correctness/useJsxKeyInIterable: a term and its value, not a list.
        last && [t('lastSync'), <When iso={last.finishedAt ?? last.startedAt} />],
        // biome-ignore lint/correctness/useJsxKeyInIterable: a term and its value, not a list.
        c.nextSyncAt && [t('nextSync'), <When iso={c.nextSyncAt} />],
      ]}
    >
      <p role="status">{say && t(say, { name: c.name, provider })}</p>
      {c.stateReason && <Notice tone="error">{c.stateReason.message}</Notice>}
      <div className={cx('ik-Row')}>
        {c.state !== 'validating' && c.state !== 'invalid_credentials' && (
          <Button
            busy={busy}
            pending={sync.isPending && t('working')}
            aria-describedby={busy ? `${id}b` : undefined}
            onClick={startSync}
          >
            {t('syncNow')}
          </Button>
        )}
        {onUpdate && c.state !== 'validating' && (
          <Button variant={c.state === 'invalid_credentials' ? undefined : 'secondary'} onClick={onUpdate}>
            {t('update')}
          </Button>
        )}
        <Disconnect
          t={t}
          params={{ name: c.name, provider }}
          remove={remove}
          id={c.id}
          describedBy={id}
          onDone={onDisconnected}
        />
      </div>
      {busy && (
        <p id={`${id}b`} className={cx('ik-Hint')}>
          {t('syncBusy')}
        </p>
      )}
      {/* A 409: one runs already. The refreshed card says so. */}
      {sync.isError && (sync.error as { status?: number }).status !== 409 && (
        <ErrorNotice error={sync.error} onRetry={startSync} />
      )}
      {last && <SyncRuns c={c} t={t} />}
      {c.counts.users > 0 && (
        <UsersPreview connectionId={c.id} title={t('syncedUsers')} watch={last?.finishedAt} />
      )}
    </Card>
  );
}

/** The connection's latest runs: trigger, start, status, counts and errors. */
function SyncRuns({ c, t }: { c: DirectoryConnection; t: T }) {
  const cx = useCx();
  const query = useSyncRuns(c.id);
  const last = c.lastSyncRun as NonNullable<DirectoryConnection['lastSyncRun']>;
  return (
    <div className={cx('ik-SyncRuns')}>
      <SubHeading depth={2}>{t('runs')}</SubHeading>
      <QueryState query={query}>
        {(runs) => (
          <ul className={cx('ik-List')}>
            {/* The polled connection carries the newest run: it shows its progress without refetching the list. */}
            {[last, ...runs.filter((r) => r.id !== last.id)].slice(0, 5).map((run) => (
              <li key={run.id} data-status={run.status}>
                <p>
                  <Badge tone={tone(run.status)}>{t(run.status)}</Badge> {t(run.trigger)} ·{' '}
                  <When iso={run.startedAt} />
                </p>
                {run.status !== 'running' && <p className={cx('ik-Hint')}>{t('runCounts', run.counts)}</p>}
                {run.errors.length > 0 && (
                  <ul>
                    {run.errors.map((e, i) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: errors have no id and never reorder.
                      <li key={i}>
                        {e.subject && <code>{e.subject}</code>} {e.message}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </div>
  );
}
