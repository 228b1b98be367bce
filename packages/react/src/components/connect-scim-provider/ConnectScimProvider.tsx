import type { Provider, ProviderId, ScimConnection, ScimConnectionWithToken } from '@identity-kit/sdk';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
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
import { formatRelative } from '../../i18n/format';
import { useMessages } from '../../i18n/useMessages';
import { CopyField } from '../../parts/CopyField';
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
  const [gone, setGone] = useState<ScimConnection | null>(null);
  const focus = useFocusById();
  const connectId = `${id}c`;

  return (
    <Root part="ConnectScimProvider" className={className} aria-labelledby={id}>
      <Heading id={id}>{t('title')}</Heading>
      <p className={cx('ik-Text')}>{t('description')}</p>
      <QueryState query={connections}>
        {(all) => (
          <QueryState query={catalog}>
            {(known) => {
              if (connecting) {
                return (
                  <ConnectFlow
                    headingId={`${id}s`}
                    focus={focus}
                    providers={known.filter(
                      (p) => p.capabilities.scim && p.scim && (!providers || providers.includes(p.id)),
                    )}
                    connections={all}
                    onCreated={onConnected}
                    onClose={(created) => {
                      setConnecting(false);
                      focus(created ? `${id}${created}` : connectId);
                    }}
                  />
                );
              }
              const list = all.filter((c) => c.id !== gone?.id);
              return (
                <>
                  {gone && <Notice tone="success">{t('disconnected', { name: gone.name })}</Notice>}
                  {list.length === 0 && <p>{t('empty')}</p>}
                  {list.map((c) => (
                    <ScimConnectionCard
                      key={c.id}
                      headingId={`${id}${c.id}`}
                      connection={c}
                      providerName={known.find((p) => p.id === c.provider)?.name ?? c.provider}
                      onDisconnected={() => {
                        // Hidden at once, so the dialog is gone before focus moves to the connect button.
                        setGone(c);
                        focus(connectId);
                        onDisconnected?.(c.id);
                      }}
                    />
                  ))}
                  <Button
                    id={connectId}
                    variant={list.length > 0 ? 'secondary' : undefined}
                    onClick={() => {
                      setGone(null);
                      setConnecting(true);
                      focus(`${id}s`);
                    }}
                  >
                    {t(list.length > 0 ? 'connectAnother' : 'connect')}
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

export interface ConnectFlowProps {
  /** The id of the current step's heading, which receives focus on every step change. */
  headingId: string;
  focus: (id: string) => void;
  /** The SCIM-capable providers to offer. */
  providers: Provider[];
  /** The cached list, polled while the new connection waits for its provider. */
  connections: ScimConnection[];
  onCreated?: ((connection: ScimConnection) => void) | undefined;
  /** Leaves the flow: with the new connection's id after Done, without after Cancel. */
  onClose: (createdId?: string) => void;
}

/** Connecting a provider: pick it, configure the connection, then the credentials, the setup guide and the check. */
export function ConnectFlow({
  headingId,
  focus,
  providers,
  connections,
  onCreated,
  onClose,
}: ConnectFlowProps) {
  const { t } = useMessages('scim', scimMessages);
  const common = useMessages('common', commonMessages);
  const forms = useMessages('forms', formsMessages);
  const cx = useCx();
  const create = useCreateScimConnection();
  const [step, setStep] = useState<'pick' | 'configure' | 'credentials'>('pick');
  const [providerId, setProviderId] = useState(providers.length === 1 ? providers[0]?.id : undefined);
  const [pickError, setPickError] = useState(false);
  // What the admin typed, for the provider it was typed for: picking another provider starts from its name.
  const [typed, setTyped] = useState<{ for: ProviderId; name: string }>();
  const [action, setAction] = useState<'suspend' | 'delete'>('suspend');
  // The token lives here only, never in the query cache: gone when the admin presses Done.
  const [created, setCreated] = useState<ScimConnectionWithToken>();
  const provider = providers.find((p) => p.id === providerId);
  const name = typed && typed.for === providerId ? typed.name : (provider?.name ?? '');
  const errors = fieldErrorsOf(create.error, forms.t);
  const go = (next: typeof step) => {
    setStep(next);
    focus(headingId);
  };
  const heading = (text: string) => (
    <SubHeading depth={1} id={headingId} tabIndex={-1}>
      {text}
    </SubHeading>
  );

  if (step === 'credentials' && created && provider) {
    const connection = connections.find((c) => c.id === created.connection.id) ?? created.connection;
    const { users, groups } = connection.counts;
    const active = connection.status === 'active';
    const named = { provider: provider.name };
    return (
      <div className={cx('ik-Stack')} data-step="credentials">
        {heading(t('credentialsTitle', named))}
        <CopyField label={t('baseUrl')} value={connection.baseUrl} />
        <CopyField label={t('token')} value={created.token} secret description={t('tokenOnce')} />
        {provider.scim && (
          <Guide
            title={t('guideTitle', named)}
            steps={provider.scim.steps}
            fills={{ scim_base_url: t('pasteBaseUrl'), bearer_token: t('pasteToken') }}
            listTitle={t('notes')}
            list={provider.scim.notes}
            href={provider.scim.docsUrl ?? provider.docsUrl}
            link={t('docs', named)}
          />
        )}
        <section className={cx('ik-Stack')} aria-labelledby={`${headingId}v`}>
          <SubHeading depth={2} id={`${headingId}v`}>
            {t('verifyTitle')}
          </SubHeading>
          <p role="status" className={cx('ik-Verification')} data-state={connection.status}>
            {active
              ? t('connected', {
                  ...named,
                  users: t('users', { count: users }),
                  groups: t('groups', { count: groups }),
                })
              : t('waiting', named)}
          </p>
          {/* The list may see new counts before the preview looks again. */}
          <UsersPreview
            connectionId={connection.id}
            title={t('preview')}
            depth={3}
            watch={`${users} ${groups}`}
            poll={!active}
          />
        </section>
        <Button onClick={() => onClose(connection.id)}>{t('done')}</Button>
      </div>
    );
  }

  const pick = step === 'pick' || !provider;
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (!provider) return setPickError(true);
    if (pick) return go('configure');
    if (create.isPending) return;
    create
      .mutateAsync({
        provider: provider.id,
        name: name.trim() || undefined,
        settings: { deprovisionAction: action },
      })
      .then(
        (result) => {
          setCreated(result);
          create.reset(); // drop the observer's copy of the token
          onCreated?.(result.connection);
          go('credentials');
        },
        () => {}, // shown from create.error; what the admin typed stays
      );
  };
  return (
    <form
      className={cx('ik-Stack')}
      data-step={pick ? 'pick' : 'configure'}
      data-status={pick ? undefined : mutationStatus(create)}
      onSubmit={submit}
      noValidate
    >
      {pick ? (
        <>
          {heading(t('pickTitle'))}
          {providers.length > 0 ? (
            <Choices
              legend={t('pickLegend')}
              error={pickError ? t('pickRequired') : undefined}
              options={providers.map((p) => ({ value: p.id, label: p.name, hint: p.description }))}
              value={providerId}
              onChange={(id) => {
                setProviderId(id);
                setPickError(false);
              }}
            />
          ) : (
            <Notice tone="warning">{t('noProviders')}</Notice>
          )}
        </>
      ) : (
        <>
          {heading(t('configureTitle', { provider: provider.name }))}
          <Field label={t('name')} description={t('nameHint')} error={errors.name}>
            <input
              className={cx('ik-Input')}
              value={name}
              maxLength={100}
              autoComplete="off"
              onChange={(e) => setTyped({ for: provider.id, name: e.target.value })}
            />
          </Field>
          <Choices
            legend={t('deprovisionLegend', { provider: provider.name })}
            error={errors['settings.deprovisionAction']}
            options={(['suspend', 'delete'] as const).map((a) => ({
              value: a,
              label: t(a),
              hint: t(`${a}Hint`),
            }))}
            value={action}
            onChange={setAction}
          />
          {create.isError && <ErrorNotice error={create.error} onRetry={submit} />}
        </>
      )}
      <Actions
        back={pick ? common.t('cancel') : t('back')}
        onBack={pick ? () => onClose() : () => go('pick')}
        submit={pick ? t('continue') : t('create')}
        pending={create.isPending && t('working')}
      />
    </form>
  );
}

export interface ScimConnectionCardProps {
  connection: ScimConnection;
  providerName: string;
  /** The card's heading: focused after the connect flow's Done. */
  headingId: string;
  onDisconnected: () => void;
}

/** One connection: status, base URL, activity, counts, recent errors, token rotation and disconnect. */
export function ScimConnectionCard({
  connection: c,
  providerName,
  headingId,
  onDisconnected,
}: ScimConnectionCardProps) {
  const { t } = useMessages('scim', scimMessages);
  const cx = useCx();
  const remove = useDeleteScimConnection();
  return (
    <Card
      id={headingId}
      name={c.name}
      state={c.status}
      badge={t(c.status)}
      tone={c.status === 'active' ? 'success' : 'warning'}
      meta={[
        [t('provider'), providerName],
        // biome-ignore lint/correctness/useJsxKeyInIterable: a term and its value, not a list.
        [t('lastActivity'), c.lastRequestAt ? <When iso={c.lastRequestAt} /> : t('never')],
        [t('usersProvisioned'), c.counts.users],
        [t('groupsProvisioned'), c.counts.groups],
        [t('currentToken'), t('tokenEnding', { hint: c.token.hint })],
      ]}
    >
      <CopyField label={t('baseUrl')} value={c.baseUrl} />
      {c.recentErrors.length > 0 && (
        <section className={cx('ik-Stack')} aria-labelledby={`${headingId}e`}>
          <SubHeading depth={2} id={`${headingId}e`}>
            {t('recentErrors')}
          </SubHeading>
          <ul className={cx('ik-List')}>
            {c.recentErrors.slice(0, 5).map((e, i) => (
              // Newest first and never reordered; one request can fail several times at the same instant.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above.
              <li key={i}>
                <When iso={e.at} />{' '}
                <code>
                  {e.method} {e.path}
                </code>{' '}
                <Badge tone="error">{e.status}</Badge> {e.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      <TokenRotation connection={c} providerName={providerName}>
        <Disconnect
          t={t}
          name={c.name}
          params={{ provider: providerName, users: t('users', { count: c.counts.users }) }}
          remove={remove}
          id={c.id}
          describedBy={headingId}
          onDone={onDisconnected}
        />
      </TokenRotation>
    </Card>
  );
}

export interface TokenRotationProps {
  connection: ScimConnection;
  providerName: string;
  /** The card's other actions, shown beside Rotate token. */
  children?: ReactNode;
}

/**
 * Rotation with an overlap window: a new token (shown once), a live line that says when the provider has
 * switched to it, then retiring the old token, which the server refuses until the switch unless forced.
 */
export function TokenRotation({ connection: c, providerName, children }: TokenRotationProps) {
  const { t, locale } = useMessages('scim', scimMessages);
  const cx = useCx();
  const id = useId();
  const focus = useFocusById();
  const start = useStartScimTokenRotation();
  const complete = useCompleteScimTokenRotation();
  const cancel = useCancelScimTokenRotation();
  // The new token lives here only, never in the query cache: gone when the rotation ends or the card unmounts.
  const [issued, setIssued] = useState<string | null>(null);
  // Ended here: hidden at once, before the polled list catches up.
  const [ended, setEnded] = useState<{ id: string; how: 'retired' | 'rotationCancelled' } | null>(null);
  const rotation = c.rotation?.newToken.id === ended?.id ? null : c.rotation;
  const provider = { provider: providerName };
  const switched = Boolean(rotation) && c.lastUsedTokenId === rotation?.newToken.id;
  // By code, not `instanceof ConflictError`: the SDK's error classes stay out of the bundle (see describeError).
  const unused = (complete.error as { code?: string } | null)?.code === 'new_token_unused';
  const busy = start.isPending || complete.isPending || cancel.isPending;
  const working = t('working');

  const begin = () => {
    setEnded(null);
    start.mutateAsync(c.id).then(({ token }) => {
      setIssued(token);
      start.reset(); // drop the observer's copy of the token
      focus(id);
    }, ignore);
  };
  const end = (how: 'retired' | 'rotationCancelled', run: () => Promise<unknown>) => {
    if (!rotation) return;
    (how === 'retired' ? cancel : complete).reset(); // the other action's failure no longer applies
    run().then(() => {
      setIssued(null);
      setEnded({ id: rotation.newToken.id, how });
      focus(`${id}r`);
    }, ignore);
  };
  const retire = (force: boolean) => end('retired', () => complete.mutateAsync({ id: c.id, force }));
  const open = rotation || issued;

  return (
    <>
      {open ? (
        <section
          className={cx('ik-Stack ik-Rotation')}
          aria-labelledby={id}
          data-state={switched ? 'switched' : 'waiting'}
        >
          <SubHeading depth={2} id={id} tabIndex={-1}>
            {t('rotationTitle')}
          </SubHeading>
          {issued ? (
            <>
              <p>{t('rotationHowTo', provider)}</p>
              <CopyField label={t('newToken')} value={issued} secret description={t('tokenOnce')} />
            </>
          ) : (
            rotation && (
              <p>
                {t('rotationNoToken', {
                  hint: rotation.newToken.hint,
                  when: formatRelative(locale, rotation.startedAt),
                })}
              </p>
            )
          )}
          <p role="status" className={cx('ik-Verification')} data-state={switched ? 'active' : 'pending'}>
            {t(switched ? 'newInUse' : 'oldInUse', provider)}
          </p>
          {unused ? (
            <Notice tone="error">
              <p>{t('newTokenUnused', provider)}</p>
              <Button variant="danger" pending={complete.isPending && working} onClick={() => retire(true)}>
                {t('retireAnyway')}
              </Button>
            </Notice>
          ) : (
            complete.isError && <ErrorNotice error={complete.error} onRetry={() => retire(false)} />
          )}
          {cancel.isError && <ErrorNotice error={cancel.error} />}
          <div className={cx('ik-Actions')}>
            <Button
              variant="secondary"
              busy={busy}
              pending={cancel.isPending && working}
              onClick={() => end('rotationCancelled', () => cancel.mutateAsync(c.id))}
            >
              {t('cancelRotation')}
            </Button>
            <Button
              busy={busy}
              pending={complete.isPending && !unused && working}
              onClick={() => retire(false)}
            >
              {t('retire')}
            </Button>
          </div>
        </section>
      ) : (
        <>
          {ended && <Notice tone="success">{t(ended.how, provider)}</Notice>}
          {start.isError && <ErrorNotice error={start.error} onRetry={begin} />}
        </>
      )}
      <div className={cx('ik-Actions')}>
        {!open && (
          <Button
            id={`${id}r`}
            variant="secondary"
            busy={busy}
            pending={start.isPending && working}
            onClick={begin}
          >
            {t('rotate')}
          </Button>
        )}
        {children}
      </div>
    </>
  );
}

const ignore = () => {};
