// Asserts that the compiled template and the `bicep snapshot`s of infra/ declare what docs/deploy.md
// promises. Run by .ci/bicep-check: node assert.mjs WORKDIR REPO_ROOT, where WORKDIR holds main.json (the
// compiled template) and the snapshots main, main-secrets and settings (see the .bicepparam files here).
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const [workDir, repoRoot] = process.argv.slice(2);
const read = (path) => readFileSync(path, 'utf8');
const json = (path) => JSON.parse(read(path));

const template = json(join(workDir, 'main.json'));
const templateText = read(join(workDir, 'main.json'));
const plain = json(join(workDir, 'main.snapshot.json'));
const withSecretsText = read(join(workDir, 'main-secrets.snapshot.json'));
const withSecrets = JSON.parse(withSecretsText);
const settingsOnly = json(join(workDir, 'settings.snapshot.json'));
const azdParameters = json(join(repoRoot, 'infra', 'main.parameters.json'));
const azureYaml = read(join(repoRoot, 'azure.yaml'));

const results = [];
function check(name, body) {
  try {
    body();
    results.push({ name, ok: true });
  } catch (error) {
    results.push({ name, ok: false, message: error.message });
  }
}
function expect(condition, message) {
  if (!condition) throw new Error(message);
}
function equal(actual, expected, what) {
  expect(actual === expected, `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

// --- A tiny evaluator for the ARM expressions a snapshot leaves in place when they only format literals
// with a cloud suffix, e.g. [format('@Microsoft.KeyVault(SecretUri=https://{0}{1}/secrets/{2})', 'kv',
// environment().suffixes.keyvaultDns, 'name')]. Anything else stays unevaluated (returns null).
const publicCloud = { keyvaultDns: '.vault.azure.net', storage: 'core.windows.net' };
function render(value) {
  if (typeof value !== 'string') return null;
  if (!value.startsWith('[') || value.startsWith('[[')) return value;
  const match = /^\[format\((.*)\)\]$/s.exec(value);
  if (!match) return null;
  const args = [];
  let rest = match[1];
  while (rest.length > 0) {
    rest = rest.replace(/^\s*,?\s*/, '');
    const literal = /^'((?:[^']|'')*)'/.exec(rest);
    const suffix = /^environment\(\)\.suffixes\.(\w+)/.exec(rest);
    if (literal) {
      args.push(literal[1].replace(/''/g, "'"));
      rest = rest.slice(literal[0].length);
    } else if (suffix && suffix[1] in publicCloud) {
      args.push(publicCloud[suffix[1]]);
      rest = rest.slice(suffix[0].length);
    } else if (rest.trim().length > 0) {
      return null;
    }
  }
  const [format, ...values] = args;
  return format.replace(/\{(\d+)\}/g, (_, i) => values[Number(i)]);
}

const resources = (snapshot, type) => snapshot.predictedResources.filter((r) => r.type.toLowerCase() === type.toLowerCase());
const one = (snapshot, type) => {
  const found = resources(snapshot, type);
  equal(found.length, 1, `number of ${type}`);
  return found[0];
};
const appSettingsOf = (snapshot) => {
  const config = resources(snapshot, 'Microsoft.Web/sites/config').find((r) => r.name.endsWith('/appsettings'));
  expect(config, 'no Microsoft.Web/sites/config appsettings resource');
  expect(typeof config.properties === 'object', `app settings are not evaluable: ${String(config.properties).slice(0, 200)}`);
  return config.properties;
};

// Subscription names, as the app validates them (SubscriptionOptions.Name): they become part of alert ids and
// table keys.
const subscriptionName = /^[a-z0-9][a-z0-9-]{0,31}$/;
// The indexes i of DealWatch__Subscriptions__<i>__*, sorted.
const subscriptionIndexes = (settings) =>
  [...new Set(Object.keys(settings).map((k) => /^DealWatch__Subscriptions__(\d+)__/.exec(k)?.[1]).filter((i) => i !== undefined))].map(Number).sort((a, b) => a - b);

// Values that would mean a credential sits in plain sight.
const credentialPatterns = [/AccountKey=/i, /SharedAccessSignature=/i, /DefaultEndpointsProtocol=/i, /listKeys\(/i, /listAccountSas\(/i, /listServiceSas\(/i, /[?&]sig=/i, /\bSG\.[\w-]{10,}/];

// Settings that Flex Consumption rejects, ignores or replaces with functionAppConfig.
const flexDeprecated = [
  'FUNCTIONS_WORKER_RUNTIME', 'FUNCTIONS_WORKER_RUNTIME_VERSION', 'FUNCTIONS_EXTENSION_VERSION', 'WEBSITE_RUN_FROM_PACKAGE',
  'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING', 'WEBSITE_CONTENTSHARE', 'WEBSITE_NODE_DEFAULT_VERSION', 'FUNCTIONS_MAX_HTTP_CONCURRENCY',
  'FUNCTIONS_WORKER_PROCESS_COUNT', 'FUNCTIONS_WORKER_DYNAMIC_CONCURRENCY_ENABLED', 'SCM_DO_BUILD_DURING_DEPLOYMENT', 'ENABLE_ORYX_BUILD',
  'WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT', 'WEBSITE_TIME_ZONE', 'TZ',
];

const role = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
  storageTableDataReader: '76199698-9eea-4c19-bc75-cec21354c6b6',
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb',
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6',
  keyVaultSecretsOfficer: 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
};

// --- The compiled template (every nested module included).
function* templates(t) {
  yield t;
  for (const r of Object.values(t.resources ?? {}).flat()) {
    if (r?.type === 'Microsoft.Resources/deployments' && r.properties?.template) yield* templates(r.properties.template);
  }
}

check('compiled template: no account key, SAS or connection string anywhere', () => {
  for (const pattern of credentialPatterns) expect(!pattern.test(templateText), `compiled template matches ${pattern}`);
});

check('compiled template: the secrets are secure parameters, optional and empty by default', () => {
  for (const [name, type] of [['sendGridApiKey', 'securestring'], ['teamsWebhookUrls', 'secureobject'], ['languageKey', 'securestring']]) {
    const parameter = template.parameters[name];
    expect(parameter, `parameter ${name} missing`);
    equal(parameter.type.toLowerCase(), type, `type of ${name}`);
    expect('defaultValue' in parameter && Object.keys(parameter.defaultValue).length === 0 && !parameter.defaultValue.length, `${name} must default to empty`);
  }
});

check('compiled template: no output is secure, named like a secret, or computed from a secure parameter', () => {
  for (const t of templates(template)) {
    const secure = Object.entries(t.parameters ?? {}).filter(([, p]) => /^secure/i.test(p.type)).map(([n]) => n);
    for (const [name, output] of Object.entries(t.outputs ?? {})) {
      expect(!/^secure/i.test(output.type), `output ${name} is ${output.type}`);
      expect(!/(secret|password|api_?key|webhook|connection_?string)/i.test(name), `output ${name} is named like a secret`);
      const value = JSON.stringify(output.value ?? output);
      for (const p of secure) expect(!value.includes(`parameters('${p}')`), `output ${name} uses secure parameter ${p}`);
      expect(!/list\w*\(/i.test(value), `output ${name} calls a list*() function`);
    }
  }
});

check('compiled template: every role assignment is named guid(scope, principal, role)', () => {
  let count = 0;
  for (const t of templates(template)) {
    for (const r of Object.values(t.resources ?? {}).flat()) {
      if (r?.type !== 'Microsoft.Authorization/roleAssignments') continue;
      count += 1;
      expect(/^\[guid\(.+,.+,.+\)\]$/.test(r.name), `role assignment named ${r.name}`);
    }
  }
  expect(count >= 5, `only ${count} role assignment declarations`);
});

// --- The default deployment: nothing configured, no secret given.
check('Flex Consumption plan: FC1, Linux', () => {
  const plan = one(plain, 'Microsoft.Web/serverfarms');
  equal(plan.sku?.name, 'FC1', 'plan sku');
  equal(plan.sku?.tier, 'FlexConsumption', 'plan tier');
  equal(plan.properties?.reserved, true, 'plan reserved (Linux)');
});

const site = () => one(plain, 'Microsoft.Web/sites');

check('Function App: dotnet-isolated 10.0 in functionAppConfig, user-assigned identity, HTTPS only', () => {
  const app = site();
  expect(/functionapp/.test(app.kind) && /linux/.test(app.kind), `kind ${app.kind}`);
  equal(app.properties.functionAppConfig?.runtime?.name, 'dotnet-isolated', 'runtime name');
  equal(app.properties.functionAppConfig?.runtime?.version, '10.0', 'runtime version');
  equal(app.identity?.type, 'UserAssigned', 'identity type');
  const identity = one(plain, 'Microsoft.ManagedIdentity/userAssignedIdentities');
  expect(identity.id in (app.identity.userAssignedIdentities ?? {}), 'the app does not carry the user-assigned identity');
  equal(app.properties.keyVaultReferenceIdentity, identity.id, 'keyVaultReferenceIdentity');
  equal(app.properties.httpsOnly, true, 'httpsOnly');
  equal(app.tags?.['azd-service-name'], 'api', 'azd-service-name tag');
  const scale = app.properties.functionAppConfig?.scaleAndConcurrency ?? {};
  expect(scale.maximumInstanceCount >= 40 && scale.maximumInstanceCount <= 1000, `maximumInstanceCount ${scale.maximumInstanceCount}`);
});

check('Function App: deploys from a blob container with the managed identity', () => {
  const app = site();
  const storage = app.properties.functionAppConfig?.deployment?.storage ?? {};
  equal(storage.type, 'blobContainer', 'deployment storage type');
  equal(storage.authentication?.type, 'UserAssignedIdentity', 'deployment storage authentication');
  const container = one(plain, 'Microsoft.Storage/storageAccounts/blobServices/containers');
  const containerName = container.name.split('/').pop();
  expect(String(storage.value).includes(containerName), `deployment storage ${storage.value} is not container ${containerName}`);
});

check('Function App: publishing with a username and password (SCM basic auth) is off', () => {
  const policy = resources(plain, 'Microsoft.Web/sites/basicPublishingCredentialsPolicies').find((p) => p.name.endsWith('/scm'));
  expect(policy, 'no scm publishing policy');
  equal(policy.properties?.allow, false, 'scm basic publishing allowed');
});

check('Function App: no site property that Flex Consumption deprecates', () => {
  const app = site();
  const deprecated = ['ftpsState', 'use32BitWorkerProcess', 'isReserved', 'IsXenon', 'windowsFxVersion', 'alwaysOn', 'preWarmedInstanceCount',
    'functionAppScaleLimit', 'containerSize', 'javaVersion', 'powerShellVersion', 'netFrameworkVersion', 'linuxFxVersion'];
  for (const bag of [app.properties, app.properties.siteConfig ?? {}]) {
    for (const key of Object.keys(bag)) expect(!deprecated.some((d) => d.toLowerCase() === key.toLowerCase()), `site property ${key} is set`);
  }
});

check('storage account: shared keys off, no public blobs, TLS 1.2, HTTPS only', () => {
  const storage = one(plain, 'Microsoft.Storage/storageAccounts');
  equal(storage.properties.allowSharedKeyAccess, false, 'allowSharedKeyAccess');
  equal(storage.properties.allowBlobPublicAccess, false, 'allowBlobPublicAccess');
  equal(storage.properties.minimumTlsVersion, 'TLS1_2', 'minimumTlsVersion');
  equal(storage.properties.supportsHttpsTrafficOnly, true, 'supportsHttpsTrafficOnly');
});

check('Application Insights: on the Log Analytics workspace, local authentication off', () => {
  const workspace = one(plain, 'Microsoft.OperationalInsights/workspaces');
  const insights = one(plain, 'Microsoft.Insights/components');
  equal(insights.properties.WorkspaceResourceId, workspace.id, 'WorkspaceResourceId');
  equal(insights.properties.DisableLocalAuth, true, 'DisableLocalAuth');
});

check('Key Vault: RBAC mode, and no secret when none is given', () => {
  const vault = one(plain, 'Microsoft.KeyVault/vaults');
  equal(vault.properties.enableRbacAuthorization, true, 'enableRbacAuthorization');
  equal(resources(plain, 'Microsoft.KeyVault/vaults/secrets').length, 0, 'secrets created with no value given');
});

check('app settings: storage by managed identity (account name, credential, client id), no connection string', () => {
  const settings = appSettingsOf(plain);
  const storage = one(plain, 'Microsoft.Storage/storageAccounts');
  equal(settings.AzureWebJobsStorage__accountName, storage.name, 'AzureWebJobsStorage__accountName');
  equal(settings.AzureWebJobsStorage__credential, 'managedidentity', 'AzureWebJobsStorage__credential');
  expect(/userAssignedIdentities.*clientId/.test(settings.AzureWebJobsStorage__clientId ?? ''), `AzureWebJobsStorage__clientId is ${settings.AzureWebJobsStorage__clientId}`);
  expect(!('AzureWebJobsStorage' in settings), 'AzureWebJobsStorage (a connection string) is set');
  for (const [name, value] of Object.entries(settings)) {
    for (const pattern of credentialPatterns) expect(!pattern.test(String(value)), `${name} matches ${pattern}`);
    expect(!/connectionstring/i.test(name) || name === 'APPLICATIONINSIGHTS_CONNECTION_STRING', `${name} looks like a connection string`);
  }
});

check('app settings: none that Flex Consumption deprecates', () => {
  const settings = appSettingsOf(plain);
  for (const name of flexDeprecated) expect(!(name in settings), `${name} is set`);
});

check('app settings: Application Insights with Entra ingestion', () => {
  const settings = appSettingsOf(plain);
  expect(/components.*ConnectionString/.test(settings.APPLICATIONINSIGHTS_CONNECTION_STRING ?? ''), 'APPLICATIONINSIGHTS_CONNECTION_STRING missing');
  expect(/ClientId=.*Authorization=AAD/.test(settings.APPLICATIONINSIGHTS_AUTHENTICATION_STRING ?? ''), `APPLICATIONINSIGHTS_AUTHENTICATION_STRING is ${settings.APPLICATIONINSIGHTS_AUTHENTICATION_STRING}`);
});

check('app settings: schedules (six-field NCRONTAB, the digest timer\'s included), symbols, e-mail sender', () => {
  const settings = appSettingsOf(plain);
  for (const name of ['DealWatch__NewsSchedule', 'DealWatch__MarketsSchedule', 'DealWatch__DigestSchedule']) {
    equal(String(settings[name]).trim().split(/\s+/).length, 6, `fields in ${name}`);
  }
  equal(settings.DealWatch__NewsSchedule, '0 */5 * * * *', 'DealWatch__NewsSchedule');
  equal(settings.DealWatch__MarketsSchedule, '0 */2 * * * *', 'DealWatch__MarketsSchedule');
  // SendDigest's timer is %DealWatch:DigestSchedule%: without the setting the app does not start.
  equal(settings.DealWatch__DigestSchedule, '0 */15 * * * *', 'DealWatch__DigestSchedule');
  equal(template.parameters.digestSchedule?.defaultValue, '0 */15 * * * *', 'default of parameter digestSchedule');
  equal(appSettingsOf(settingsOnly).DealWatch__DigestSchedule, '0 */15 * * * *', 'DealWatch__DigestSchedule (settings module)');
  equal(settings.DealWatch__Markets__Symbols, '^DJI,^IXIC,^GSPC,^TWII,TXF,AMZN,MSFT,GOOGL,META,ORCL,NVDA,AMD,AVGO,CRWV,2330.TW', 'DealWatch__Markets__Symbols');
  equal(settings.DealWatch__Email__From, 'alerts@example.com', 'DealWatch__Email__From');
  // The app refuses to start with an edgar source and no contact for SEC EDGAR's User-Agent.
  const kinds = Object.entries(settings).filter(([k]) => /^DealWatch__Sources__\d+__Kind$/.test(k)).map(([, v]) => v);
  expect(!kinds.includes('edgar') || /@/.test(String(settings.DealWatch__Sources__ContactEmail ?? '')), 'an edgar source needs DealWatch__Sources__ContactEmail');
  expect(settings.DealWatch__Email__FromName, 'DealWatch__Email__FromName missing');
  expect(!('DealWatch__Storage__Prefix' in settings), 'DealWatch__Storage__Prefix must stay unset in Azure');
});

check('subscriptions: with no e-mail recipient and no Teams webhook, the default subscription is left out (the app starts with none)', () => {
  const settings = appSettingsOf(plain);
  const left = Object.keys(settings).filter((k) => /^DealWatch__(Subscriptions|Teams)__/.test(k));
  equal(JSON.stringify(left), '[]', 'subscription and Teams settings with nothing configured');
});

check('subscriptions: the default names match ^[a-z0-9][a-z0-9-]{0,31}$, and the type says 1 to 32 characters', () => {
  const defaults = template.parameters.subscriptions?.defaultValue ?? [];
  const azd = azdParameters.parameters.subscriptions?.value ?? [];
  expect(defaults.length > 0 && azd.length > 0, 'no default subscription in main.bicep or main.parameters.json');
  for (const [where, list] of [['main.bicep', defaults], ['main.parameters.json', azd]]) {
    for (const s of list) expect(subscriptionName.test(s.name), `${where}: subscription name ${JSON.stringify(s.name)} does not match ${subscriptionName}`);
    equal(new Set(list.map((s) => s.name)).size, list.length, `${where}: distinct subscription names`);
  }
  const name = template.definitions?.subscriptionConfig?.properties?.name ?? {};
  equal(name.minLength, 1, 'subscriptionConfig.name minLength');
  equal(name.maxLength, 32, 'subscriptionConfig.name maxLength');
  for (const snapshot of [plain, settingsOnly]) {
    const settings = appSettingsOf(snapshot);
    for (const i of subscriptionIndexes(settings)) {
      const value = settings[`DealWatch__Subscriptions__${i}__Name`];
      expect(subscriptionName.test(value ?? ''), `DealWatch__Subscriptions__${i}__Name is ${JSON.stringify(value)}`);
    }
  }
});

check('main.parameters.json: every subscription has the properties of subscriptionConfig and no other', () => {
  const type = template.definitions?.subscriptionConfig ?? {};
  const known = Object.keys(type.properties ?? {});
  const required = known.filter((p) => !type.properties[p].nullable);
  for (const s of azdParameters.parameters.subscriptions?.value ?? []) {
    for (const p of Object.keys(s)) expect(known.includes(p), `subscription ${s.name} has unknown property ${p}`);
    for (const p of required) expect(p in s, `subscription ${s.name} lacks ${p}`);
  }
});

check('app settings: every source expands to Name, Url, Kind, Language', () => {
  const settings = appSettingsOf(plain);
  const indexes = [...new Set(Object.keys(settings).map((k) => /^DealWatch__Sources__(\d+)__/.exec(k)?.[1]).filter(Boolean))].map(Number).sort((a, b) => a - b);
  expect(indexes.length >= 5, `only ${indexes.length} default sources`);
  indexes.forEach((index, position) => equal(index, position, 'source indexes are contiguous from 0'));
  const kinds = new Set();
  for (const i of indexes) {
    for (const field of ['Name', 'Url', 'Kind', 'Language']) expect(settings[`DealWatch__Sources__${i}__${field}`], `DealWatch__Sources__${i}__${field} missing`);
    expect(/^https:\/\//.test(settings[`DealWatch__Sources__${i}__Url`]), `source ${i} URL is not https`);
    kinds.add(settings[`DealWatch__Sources__${i}__Kind`]);
  }
  for (const kind of ['feed', 'cnyes', 'googlenews', 'edgar']) expect(kinds.has(kind), `no default source of kind ${kind}`);
});

check('app settings: no secret setting when no secret is given', () => {
  const settings = appSettingsOf(plain);
  for (const name of Object.keys(settings)) {
    expect(!/(SendGridApiKey|TeamsWebhook|Language__Key)$/.test(name) && !/^DealWatch__Teams__Webhooks__/.test(name), `${name} is set though no secret was given`);
  }
});

const assignments = (snapshot) => resources(snapshot, 'Microsoft.Authorization/roleAssignments').map((r) => ({
  role: r.properties.roleDefinitionId.split('/').pop(),
  principal: r.properties.principalId,
  scope: r.id,
}));

check('role assignments: the app identity on storage (blob owner, queue and table contributor), App Insights and Key Vault', () => {
  const list = assignments(plain);
  const identity = one(plain, 'Microsoft.ManagedIdentity/userAssignedIdentities');
  const storage = one(plain, 'Microsoft.Storage/storageAccounts');
  const insights = one(plain, 'Microsoft.Insights/components');
  const vault = one(plain, 'Microsoft.KeyVault/vaults');
  const expected = [
    [role.storageBlobDataOwner, storage.id],
    [role.storageQueueDataContributor, storage.id],
    [role.storageTableDataContributor, storage.id],
    [role.monitoringMetricsPublisher, insights.id],
    [role.keyVaultSecretsUser, vault.id],
  ];
  for (const [roleId, scope] of expected) {
    expect(list.some((a) => a.role === roleId && a.principal.includes(identity.id) && a.scope.includes(scope)), `no assignment of role ${roleId} to the app identity on ${scope}`);
  }
});

check('role assignments: the deploying user gets Key Vault Secrets Officer, queue contributor and table reader', () => {
  const list = assignments(plain).filter((a) => a.principal === '11111111-1111-1111-1111-111111111111');
  for (const roleId of [role.keyVaultSecretsOfficer, role.storageQueueDataContributor, role.storageTableDataReader]) {
    expect(list.some((a) => a.role === roleId), `the deploying user lacks role ${roleId}`);
  }
  equal(list.length, 3, 'number of assignments to the deploying user');
});

check('outputs: the azd values, and none is a secret', () => {
  for (const name of ['AZURE_LOCATION', 'AZURE_TENANT_ID', 'AZURE_RESOURCE_GROUP', 'AZURE_FUNCTION_APP_NAME', 'AZURE_STORAGE_ACCOUNT_NAME', 'AzureWebJobsStorage__accountName', 'AZURE_KEY_VAULT_NAME', 'AZURE_KEY_VAULT_ENDPOINT', 'AZURE_LOG_ANALYTICS_WORKSPACE_ID']) {
    expect(name in plain.outputs, `output ${name} missing`);
  }
  equal(plain.outputs.AZURE_FUNCTION_APP_NAME, site().name, 'AZURE_FUNCTION_APP_NAME');
});

check('snapshots: no diagnostics', () => {
  for (const [name, snapshot] of [['main', plain], ['main-secrets', withSecrets], ['settings', settingsOnly]]) {
    equal(snapshot.diagnostics.length, 0, `${name} snapshot diagnostics ${JSON.stringify(snapshot.diagnostics)}`);
  }
});

// --- Every secret given.
check('secrets given: one Key Vault secret for each, none of their values in the deployment', () => {
  const names = resources(withSecrets, 'Microsoft.KeyVault/vaults/secrets').map((s) => s.name.split('/').pop()).sort();
  equal(JSON.stringify(names), JSON.stringify(['language-key', 'sendgrid-api-key', 'teams-webhook-default']), 'secrets');
  for (const fake of ['SG.fake-sendgrid-key-for-bicep-check', 'fake-teams-signature-for-bicep-check', 'fake-language-key-for-bicep-check']) {
    expect(!withSecretsText.includes(fake), `the snapshot contains the secret value ${fake}`);
  }
});

// --- The settings module with secret names: Key Vault references.
check('secrets given: the app settings are Key Vault references to them; Teams webhooks by name', () => {
  const settings = appSettingsOf(settingsOnly);
  const reference = (name) => `@Microsoft.KeyVault(SecretUri=https://kv-test.vault.azure.net/secrets/${name})`;
  equal(render(settings.DealWatch__Email__SendGridApiKey), reference('sendgrid-api-key'), 'DealWatch__Email__SendGridApiKey');
  equal(render(settings.DealWatch__Classification__Language__Key), reference('language-key'), 'DealWatch__Classification__Language__Key');
  equal(settings.DealWatch__Classification__Language__Endpoint, 'https://lang-test.cognitiveservices.azure.com/', 'DealWatch__Classification__Language__Endpoint');
  // The URLs, by webhook name ('ops-teams' is named ops_teams: no '-' in a setting name on Linux).
  equal(render(settings.DealWatch__Teams__Webhooks__deals), reference('teams-webhook-deals'), 'DealWatch__Teams__Webhooks__deals');
  equal(render(settings.DealWatch__Teams__Webhooks__ops_teams), reference('teams-webhook-ops-teams'), 'DealWatch__Teams__Webhooks__ops_teams');
  const webhooks = Object.keys(settings).filter((k) => k.startsWith('DealWatch__Teams__')).sort();
  equal(JSON.stringify(webhooks), JSON.stringify(['DealWatch__Teams__Webhooks__deals', 'DealWatch__Teams__Webhooks__ops_teams']), 'Teams settings (none for an empty secret name or for a name that is no subscription)');
  // Each subscription lists the webhooks it posts to by name, and every name it lists has a URL.
  equal(settings.DealWatch__Subscriptions__0__Teams__0, 'deals', 'DealWatch__Subscriptions__0__Teams__0');
  equal(settings.DealWatch__Subscriptions__2__Teams__0, 'ops_teams', 'DealWatch__Subscriptions__2__Teams__0');
  expect(!Object.keys(settings).some((k) => /^DealWatch__Subscriptions__1__Teams__/.test(k)), 'a Teams webhook is listed for a subscription without one');
  for (const [name, value] of Object.entries(settings)) {
    if (/^DealWatch__Subscriptions__\d+__Teams__\d+$/.test(name)) expect(`DealWatch__Teams__Webhooks__${value}` in settings, `${name} lists webhook ${value}, which has no URL`);
  }
});

check('no setting keeps a retired name (__TeamsWebhook, __MinDealUsd)', () => {
  for (const [what, snapshot] of [['main', plain], ['settings', settingsOnly]]) {
    for (const name of Object.keys(appSettingsOf(snapshot))) expect(!/__(TeamsWebhook|MinDealUsd)$/.test(name), `${what}: setting ${name}`);
  }
  for (const [what, text] of [['compiled template', templateText], ['main-secrets snapshot', withSecretsText]]) {
    for (const retired of ['__TeamsWebhook', '__MinDealUsd']) expect(!text.includes(retired), `${what} still writes a ${retired} setting`);
  }
});

check('every app setting name is letters, digits, "." and "_" only (App Service on Linux refuses others)', () => {
  for (const snapshot of [plain, settingsOnly]) {
    for (const name of Object.keys(appSettingsOf(snapshot))) expect(/^[A-Za-z0-9._]+$/.test(name), `setting name ${name}`);
  }
});

check('every setting named like a secret is a Key Vault reference', () => {
  for (const snapshot of [plain, settingsOnly]) {
    for (const [name, value] of Object.entries(appSettingsOf(snapshot))) {
      if (!/(Key|Webhook|Password|Secret|Token)$/i.test(name) && !/^DealWatch__Teams__Webhooks__/.test(name)) continue;
      expect((render(value) ?? '').startsWith('@Microsoft.KeyVault(SecretUri='), `${name} is not a Key Vault reference: ${value}`);
    }
  }
});

check('subscriptions: one with no channel is left out, the others numbered from 0 without gaps', () => {
  const settings = appSettingsOf(settingsOnly);
  const indexes = subscriptionIndexes(settings);
  equal(JSON.stringify(indexes), '[0,1,2]', 'subscription indexes');
  const names = indexes.map((i) => settings[`DealWatch__Subscriptions__${i}__Name`]);
  equal(JSON.stringify(names), JSON.stringify(['deals', 'tw-desk', 'ops-teams']), 'subscription names, in order ("idle" has no channel)');
  expect(!Object.values(settings).includes('idle'), 'the channel-less subscription "idle" left a setting');
  for (const i of indexes) {
    const keys = Object.keys(settings).filter((k) => k.startsWith(`DealWatch__Subscriptions__${i}__`));
    expect(keys.some((k) => /__(Email|Teams)__\d+$/.test(k)), `subscription ${i} has no channel`);
  }
});

check('subscriptions: threshold as Deals__MinAmountUsd, language, recipients numbered without gaps (empty ones dropped)', () => {
  const settings = appSettingsOf(settingsOnly);
  equal(settings.DealWatch__Subscriptions__0__Deals__MinAmountUsd, '1000000000', 'DealWatch__Subscriptions__0__Deals__MinAmountUsd');
  equal(settings.DealWatch__Subscriptions__1__Deals__MinAmountUsd, '500000000', 'DealWatch__Subscriptions__1__Deals__MinAmountUsd');
  equal(settings.DealWatch__Subscriptions__2__Deals__MinAmountUsd, '2000000000', 'DealWatch__Subscriptions__2__Deals__MinAmountUsd');
  equal(settings.DealWatch__Subscriptions__0__Email__0, 'ops@example.com', 'DealWatch__Subscriptions__0__Email__0');
  equal(settings.DealWatch__Subscriptions__0__Email__1, 'cfo@example.com', 'DealWatch__Subscriptions__0__Email__1');
  expect(!('DealWatch__Subscriptions__0__Email__2' in settings), 'an empty recipient became a setting');
  equal(settings.DealWatch__Subscriptions__1__Email__0, 'tw-desk@example.com', 'DealWatch__Subscriptions__1__Email__0');
  expect(!Object.keys(settings).some((k) => /^DealWatch__Subscriptions__2__Email__/.test(k)), 'a recipient is set for a Teams-only subscription');
  equal(settings.DealWatch__Subscriptions__0__Language, 'en', 'DealWatch__Subscriptions__0__Language');
  equal(settings.DealWatch__Subscriptions__1__Language, 'zh-Hant', 'DealWatch__Subscriptions__1__Language');
});

check('subscriptions: TimeZone, QuietHours and DigestAt only when set', () => {
  const settings = appSettingsOf(settingsOnly);
  equal(settings.DealWatch__Subscriptions__1__TimeZone, 'Asia/Taipei', 'DealWatch__Subscriptions__1__TimeZone');
  equal(settings.DealWatch__Subscriptions__1__QuietHours, '22:00-07:00', 'DealWatch__Subscriptions__1__QuietHours');
  equal(settings.DealWatch__Subscriptions__1__DigestAt, '07:30', 'DealWatch__Subscriptions__1__DigestAt');
  for (const i of [0, 2]) {
    for (const field of ['TimeZone', 'QuietHours', 'DigestAt']) {
      expect(!(`DealWatch__Subscriptions__${i}__${field}` in settings), `DealWatch__Subscriptions__${i}__${field} is set though not given (or given empty)`);
    }
  }
});

// --- azd wiring.
check('main.parameters.json: azd variables for every required parameter, no unknown parameter', () => {
  const given = azdParameters.parameters;
  for (const name of Object.keys(given)) expect(name in template.parameters, `main.parameters.json sets unknown parameter ${name}`);
  for (const [name, parameter] of Object.entries(template.parameters)) {
    if (!('defaultValue' in parameter)) expect(name in given, `required parameter ${name} is not in main.parameters.json`);
  }
  equal(given.environmentName?.value, '${AZURE_ENV_NAME}', 'environmentName');
  equal(given.location?.value, '${AZURE_LOCATION}', 'location');
  equal(given.principalId?.value, '${AZURE_PRINCIPAL_ID}', 'principalId');
  for (const secret of ['sendGridApiKey', 'languageKey']) expect(/^\$\{[A-Z_]+\}$/.test(given[secret]?.value ?? ''), `${secret} is not read from an azd variable`);
});

check('azure.yaml: service api, dotnet, host function, the Functions project', () => {
  expect(/^services:\s*\n\s+api:\s*\n/m.test(azureYaml), 'no service api');
  expect(/^\s+host:\s*function\s*$/m.test(azureYaml), 'host is not function');
  expect(/^\s+language:\s*dotnet\s*$/m.test(azureYaml), 'language is not dotnet');
  const project = /^\s+project:\s*(\S+)\s*$/m.exec(azureYaml)?.[1];
  equal(project, './src/DealWatch.Functions', 'project');
  expect(existsSync(join(repoRoot, project, 'DealWatch.Functions.csproj')), `${project} has no DealWatch.Functions.csproj`);
});

const failed = results.filter((r) => !r.ok);
for (const r of results) console.log(`${r.ok ? '  ok  ' : '  FAIL'} ${r.name}${r.ok ? '' : `\n         ${r.message}`}`);
console.log(`assertions: ${results.length - failed.length} of ${results.length} hold`);
process.exit(failed.length === 0 ? 0 : 1);
