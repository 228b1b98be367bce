import type { Provider, ProviderId, ScimConnection, ScimConnectionWithToken } from '@identity-kit/sdk';
import { type FormEvent, useId, useState } from 'react';
import { useProviders } from '../../hooks/useProviders';
import {
  useCancelScimTokenRotation,
  useCompleteScimTokenRotation,
  useCreateScimConnection,
  useDeleteScimConnection,
  useScimConnections,
  useStartScimTokenRotation,
} from '../../hooks/useScimConnections';
import { commonMessages } from '../../i18n/en/common';
import { formsMessages } from '../../i18n/en/forms';
import { scimMessages } from '../../i18n/en/scim';
import { useMessages } from '../../i18n/useMessages';
import { CopyField } from '../../parts/CopyField';
import {
  Actions,
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
import { mutationStatus } from '../../parts/mutationStatus';
import { ErrorNotice, Notice } from '../../parts/Notice';
import { QueryState } from '../../parts/QueryState';
import { Root } from '../../parts/Root';

export interface ConnectScimProviderProps {
  className?: string;
  /** Called as soon as a new connection is created, before its provider has reached it. */
  onConnected?: (connection: ScimConnection) => void;
  /** Called with the id of a connection the admin disconnected. */
  onDisconnected?: (id: string) => void;
  /** Offer only these providers. Providers that cannot push SCIM (Google Workspace) are never offered. */
  providers?: ProviderId[];
}

/**
 * The whole SCIM flow on the host page: the workspace's connections with their status, activity and errors;
 * connecting a provider (pick → configure → base URL, token and the provider's own setup steps → live check that
 * users arrive); token rotation with an overlap window; disconnecting.
 */
export function ConnectScimProvider({
  className,
  onConnected,
  onDisconnected,
  providers,
}: ConnectScimProviderProps) {
  const { t } = useMessages('scim', scimMessages);
  const cx = useCx();
  const id = useId();
  const connections = useScimConnections();
  const catalog = useProviders();
  const [connecting, setConnecting] = useState(false);
  // The connection disconnected last: hidden at once, so its dialog is gone before focus moves on; announced.
  const [gone, setGone] = useState<ScimConnection>();
  const focus = useFocusById();
  // Opens or closes the connect flow, then focuses `id + to`: the flow's heading, a card's, or the connect button.
  const go = (open: boolean, to: string) => {
    setConnecting(open);
    setGone(undefined);
    focus(id + to);
  };

  return (
    <Root part="ConnectScimProvider" className={className} aria-labelledby={id}>
      <Heading id={id}>{t('title')}</Heading>
      <p className={cx('ik-Text')}>{t('description')}</p>
      <QueryState query={connections}>
        {(all) => (
          <QueryState query={catalog}>
            {(known) => {
              if (connecting)
                return (
                  <Connect
                    id={`${id}s`}
                    providers={known.filter((p) => p.scim && (!providers || providers.includes(p.id)))}
                    all={all}
                    onCreated={onConnected}
                    go={go}
                  />
                );
              const list = all.filter((c) => c.id !== gone?.id);
              return (
                <>
                  {gone && <Notice tone="success">{t('disconnected', { name: gone.name })}</Notice>}
                  {list.length === 0 && <p>{t('empty')}</p>}
                  {list.map((c) => (
                    <ScimCard
                      key={c.id}
                      id={id + c.id}
                      c={c}
                      provider={known.find((p) => p.id === c.provider)?.name ?? c.provider}
                      onDisconnected={() => {
                        setGone(c);
                        focus(`${id}c`);
                        onDisconnected?.(c.id);
                      }}
                    />
                  ))}
                  <Button
                    id={`${id}c`}
                    variant={list.length ? 'secondary' : undefined}
                    onClick={() => go(true, 's')}
                  >
                    {t(list.length ? 'connectAnother' : 'connect')}
                  </Button>
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
  /** The id of the current step's heading, which receives focus on every step change. */
  id: string;
  /** The SCIM-capable providers to offer. */
  providers: Provider[];
  /** The cached list, polled while the new connection waits for its provider. */
  all: ScimConnection[];
  onCreated?: ((connection: ScimConnection) => void) | undefined;
  /** Leaves the flow, focusing the connect button (`c`) or the new connection's card (its id). */
  go: (open: false, to: string) => void;
}

/**
 * Connecting a provider: pick it and configure the connection, then the base URL and token (shown once), the
 * provider's setup steps and the live check that users arrive.
 */
function Connect({ id, providers, all, onCreated, go }: ConnectProps) {
  const { t } = useMessages('scim', scimMessages);
  const common = useMessages('common', commonMessages);
  const forms = useMessages('forms', formsMessages);
  const cx = useCx();
  const focus = useFocusById();
  const create = useCreateScimConnection();
  const [providerId, setProviderId] = useState(providers.length === 1 ? providers[0]?.id : undefined);
  // Create without a choice: says to make one.
  const [missing, setMissing] = useState(false);
  // What the admin typed, for the provider picked: picking another starts from its name.
  const [typed, setTyped] = useState<string>();
  const [action, setAction] = useState<'suspend' | 'delete'>('suspend');
  // The token lives here only, never in the query cache: gone when the admin presses Done.
  const [created, setCreated] = useState<ScimConnectionWithToken>();
  const provider = providers.find((p) => p.id === providerId);
  const named = { provider: provider?.name ?? '' };
  const name = typed ?? named.provider;
  const errors = fieldErrorsOf(create.error, forms.t);
  const c = created && (all.find((x) => x.id === created.connection.id) ?? created.connection);
  const heading = (
    <SubHeading depth={1} id={id} tabIndex={-1}>
      {t(c ? 'credentialsTitle' : 'connect', named)}
    </SubHeading>
  );

  if (c && created) {
    const { users, groups } = c.counts;
    const active = c.status === 'active';
    const scim = provider?.scim;
    return (
      <div className={cx('ik-Stack')} data-step="credentials">
        {heading}
        <CopyField label={t('baseUrl')} value={c.baseUrl} />
        <CopyField label={t('token')} value={created.token} secret description={t('tokenOnce')} />
        {scim && (
          <Guide
            title={t('guideTitle', named)}
            steps={scim.steps}
            fills={{ scim_base_url: t('baseUrl'), bearer_token: t('token') }}
            listTitle={t('notes')}
            list={scim.notes}
            href={scim.docsUrl ?? (provider as Provider).docsUrl}
            link={t('docs', named)}
          />
        )}
        <p role="status" className={cx('ik-Verification')} data-state={c.status}>
          {active
            ? t('connected', {
                ...named,
                users: t('users', { count: users }),
                groups: t('groups', { count: groups }),
              })
            : t('waiting', named)}
        </p>
        {/* The list may see new counts before the preview looks again. */}
        <UsersPreview connectionId={c.id} title={t('preview')} watch={users} poll={!active} />
        <Button onClick={() => go(false, c.id)}>{t('done')}</Button>
      </div>
    );
  }

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!provider) setMissing(true);
    else if (!create.isPending)
      create.mutate(
        { provider: provider.id, name: name.trim() || undefined, settings: { deprovisionAction: action } },
        {
          onSuccess: (result) => {
            setCreated(result);
            create.reset(); // drop the observer's copy of the token
            onCreated?.(result.connection);
            focus(id);
          },
        },
      );
  };
  return (
    <form
      className={cx('ik-Stack')}
      data-step={provider ? 'configure' : 'pick'}
      data-status={mutationStatus(create)}
      onSubmit={submit}
      noValidate
    >
      {heading}
      {providers.length ? (
        <Choices
          legend={t('provider')}
          error={missing && t('pickRequired')}
          options={providers.map((p) => ({ value: p.id, label: p.name, hint: p.description }))}
          value={providerId}
          onChange={(v) => {
            setProviderId(v);
            setTyped(undefined);
            setMissing(false);
          }}
        />
      ) : (
        <Notice tone="warning">{t('noProviders')}</Notice>
      )}
      {provider && (
        <>
          <Field label={t('name')} error={errors.name}>
            <input
              className={cx('ik-Input')}
              value={name}
              maxLength={100}
              autoComplete="off"
              onChange={(e) => setTyped(e.target.value)}
            />
          </Field>
          <Choices
            legend={t('deprovisionLegend', named)}
            error={errors['settings.deprovisionAction']}
            options={(['suspend', 'delete'] as const).map((a) => ({
              value: a,
              label: t(a),
              hint: t(`${a}Hint`),
            }))}
            value={action}
            onChange={setAction}
          />
        </>
      )}
      {create.isError && <ErrorNotice error={create.error} onRetry={submit} />}
      <Actions
        back={common.t('cancel')}
        onBack={() => go(false, 'c')}
        submit={t('create')}
        pending={create.isPending && t('working')}
      />
    </form>
  );
}

interface ScimCardProps {
  c: ScimConnection;
  /** The provider's name. */
  provider: string;
  /** The card's heading: focused after the connect flow's Done. */
  id: string;
  onDisconnected: () => void;
}

/**
 * One connection: status, base URL, activity, counts, recent errors; disconnect; and token rotation with an
 * overlap window: a new token (shown once), a live line that says when the provider has switched to it, then
 * retiring the old token, which the server refuses until the switch unless forced.
 */
function ScimCard({ c, provider, id, onDisconnected }: ScimCardProps) {
  const { t } = useMessages('scim', scimMessages);
  const cx = useCx();
  const focus = useFocusById();
  const remove = useDeleteScimConnection();
  const start = useStartScimTokenRotation();
  const complete = useCompleteScimTokenRotation();
  const cancel = useCancelScimTokenRotation();
  // The new token lives here only, never in the query cache: gone when the rotation ends or the card unmounts.
  const [issued, setIssued] = useState<string>();
  // Ended here: hidden at once, even if a poll sent before brings it back.
  const [ended, setEnded] = useState<{ id?: string; how: 'retired' | 'rotationCancelled' }>();
  const rotation = c.rotation?.newToken.id === ended?.id ? null : c.rotation;
  const open = rotation || issued;
  const named = { provider };
  const switched = c.lastUsedTokenId === rotation?.newToken.id;
  const error = start.error || complete.error || cancel.error;
  // By code, not `instanceof ConflictError`: the SDK's error classes stay out of the bundle (see describeError).
  const unused = (error as { code?: string } | null)?.code === 'new_token_unused';
  const busy = complete.isPending || cancel.isPending;
  const working = t('working');
  const { users, groups } = c.counts;

  const end = (how: 'retired' | 'rotationCancelled') => ({
    onSuccess: () => {
      setIssued(undefined);
      setEnded({ id: rotation?.newToken.id, how });
      focus(`${id}r`);
    },
  });
  const retire = () => {
    cancel.reset(); // its failure no longer applies
    complete.mutate({ id: c.id, force: unused }, end('retired'));
  };

  return (
    <Card
      id={id}
      name={c.name}
      state={c.status}
      badge={t(c.status)}
      tone={c.status === 'active' ? 'success' : 'warning'}
      meta={[
        [t('provider'), provider],
        // biome-ignore lint/correctness/useJsxKeyInIterable: a term and its value, not a list.
        [t('lastActivity'), c.lastRequestAt ? <When iso={c.lastRequestAt} /> : t('never')],
        [t('provisioned'), `${t('users', { count: users })}, ${t('groups', { count: groups })}`],
        [t('token'), t('tokenEnding', { hint: c.token.hint })],
        c.recentErrors.length > 0 && [
          t('recentErrors'),
          // biome-ignore lint/correctness/useJsxKeyInIterable: a term and its value, not a list.
          <ul className={cx('ik-List')}>
            {c.recentErrors.slice(0, 5).map((e, i) => (
              // Newest first and never reordered; one request can fail several times at the same instant.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above.
              <li key={i}>
                <When iso={e.at} /> <code>{`${e.method} ${e.path} ${e.status}`}</code> {e.message}
              </li>
            ))}
          </ul>,
        ],
      ]}
    >
      <CopyField label={t('baseUrl')} value={c.baseUrl} />
      {open ? (
        <section
          className={cx('ik-Stack ik-Rotation')}
          aria-labelledby={`${id}t`}
          data-state={switched ? 'switched' : 'waiting'}
        >
          <SubHeading depth={2} id={`${id}t`} tabIndex={-1}>
            {t('rotationTitle')}
          </SubHeading>
          {issued ? (
            <>
              <p>{t('rotationHowTo', named)}</p>
              <CopyField label={t('newToken')} value={issued} secret description={t('tokenOnce')} />
            </>
          ) : (
            rotation && <p>{t('rotationNoToken', { hint: rotation.newToken.hint })}</p>
          )}
          <p role="status" className={cx('ik-Verification')} data-state={switched ? 'active' : 'pending'}>
            {t(switched ? 'newInUse' : 'oldInUse', named)}
          </p>
        </section>
      ) : (
        ended && <Notice tone="success">{t(ended.how)}</Notice>
      )}
      {error &&
        (unused ? <Notice tone="error">{t('newTokenUnused', named)}</Notice> : <ErrorNotice error={error} />)}
      <div className={cx('ik-Actions')}>
        {open ? (
          <>
            <Button
              variant="secondary"
              busy={busy}
              pending={cancel.isPending && working}
              onClick={() => {
                complete.reset(); // its failure no longer applies
                cancel.mutate(c.id, end('rotationCancelled'));
              }}
            >
              {t('cancelRotation')}
            </Button>
            <Button
              variant={unused ? 'danger' : undefined}
              busy={busy}
              pending={complete.isPending && working}
              onClick={retire}
            >
              {t(unused ? 'retireAnyway' : 'retire')}
            </Button>
          </>
        ) : (
          <Button
            id={`${id}r`}
            variant="secondary"
            pending={start.isPending && working}
            onClick={() =>
              start.mutate(c.id, {
                onSuccess: ({ token }) => {
                  setIssued(token);
                  start.reset(); // drop the observer's copy of the token
                  focus(`${id}t`);
                },
              })
            }
          >
            {t('rotate')}
          </Button>
        )}
        <Disconnect
          t={t}
          params={{ name: c.name, ...named, users: t('users', { count: users }) }}
          remove={remove}
          id={c.id}
          describedBy={id}
          onDone={onDisconnected}
        />
      </div>
    </Card>
  );
}
