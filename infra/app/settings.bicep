// Every app setting the Function App gets, in one place: a renamed setting is one edit here. Nested .NET
// configuration keys use `__` (DealWatch:Email:From is DealWatch__Email__From). Secrets appear only as Key
// Vault references, and only for secrets that exist; no setting carries an account key or connection string.

import { checkedSubscriptions, sourceConfig, subscriptionConfig } from 'types.bicep'

param functionAppName string
param storageAccountName string
param identityName string
param applicationInsightsName string
param keyVaultName string

@description('Key Vault secret with the SendGrid API key; empty when none was given.')
param sendGridSecretName string = ''

@description('Key Vault secret with the Azure AI Language key; empty when none was given.')
param languageKeySecretName string = ''

@description('Key Vault secret with the Teams webhook URL of each subscription that has one, keyed by subscription name; a subscription that is absent (or maps to an empty string) has none.')
param teamsWebhookSecretNames { *: string } = {}

@description('NCRONTAB (six fields) of the PollNews timer.')
param newsSchedule string

@description('NCRONTAB (six fields) of the PollMarkets timer.')
param marketsSchedule string

@description('NCRONTAB (six fields) of the SendDigest timer, which sends each subscription\'s digest once its digestAt has come.')
param digestSchedule string

param emailFrom string
param emailFromName string
param subscriptions subscriptionConfig[]
param sources sourceConfig[]

@description('Comma-separated quote symbols.')
param marketSymbols string

@description('Azure AI Language endpoint; empty leaves the built-in classifier alone.')
param languageEndpoint string = ''

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource app 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

// A versionless reference: the app follows the secret's latest version (see docs/deploy.md, rotation).
func keyVaultReference(vaultName string, secretName string) string =>
  '@Microsoft.KeyVault(SecretUri=https://${vaultName}${environment().suffixes.keyvaultDns}/secrets/${secretName})'

type setting = {
  key: string
  value: string
}

// One setting when the value is set (not null, not empty), none otherwise.
func optionalSetting(key string, value string?) setting[] => empty(value ?? '') ? [] : [{ key: key, value: value! }]

// The Functions host and the app's own Storage clients both read AzureWebJobsStorage: by account name,
// with the user-assigned identity. Telemetry goes to App Insights with an Entra token from the same identity.
var hostSettings = {
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.properties.clientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
}

var pipelineSettings = {
  DealWatch__NewsSchedule: newsSchedule
  DealWatch__MarketsSchedule: marketsSchedule
  DealWatch__DigestSchedule: digestSchedule
  DealWatch__Markets__Symbols: marketSymbols
}

var emailSettings = union(
  {
    DealWatch__Email__From: emailFrom
    DealWatch__Email__FromName: emailFromName
    // SEC EDGAR asks every client to name a contact in its User-Agent; the app refuses an edgar source without one.
    DealWatch__Sources__ContactEmail: emailFrom
  },
  empty(sendGridSecretName)
    ? {}
    : { DealWatch__Email__SendGridApiKey: keyVaultReference(keyVaultName, sendGridSecretName) }
)

var sourceSettings = toObject(
  flatten(map(
    range(0, length(sources)),
    i => [
      { key: 'DealWatch__Sources__${i}__Name', value: sources[i].name }
      { key: 'DealWatch__Sources__${i}__Url', value: sources[i].url }
      { key: 'DealWatch__Sources__${i}__Kind', value: sources[i].kind }
      { key: 'DealWatch__Sources__${i}__Language', value: sources[i].language }
    ]
  )),
  entry => entry.key,
  entry => entry.value
)

// Each subscription with its channels: the recipients that are not empty, and the Key Vault secret of its Teams
// webhook. The app reads webhook URLs by name from DealWatch__Teams__Webhooks__<name> and a subscription lists
// the names it posts to; a subscription's webhook is named after it, with `_` for `-` because App Service on
// Linux allows only letters, digits, `.` and `_` in setting names (`--` would become the `__` separator).
// A subscription with no channel is left out: the app refuses one at start-up.
var channelled = filter(
  map(checkedSubscriptions(subscriptions), s => {
    subscription: s
    emails: map(filter(s.emails, e => !empty(trim(e))), e => trim(e))
    webhookSecret: teamsWebhookSecretNames[?s.name] ?? ''
    webhook: contains(s.name, '--') && !empty(teamsWebhookSecretNames[?s.name] ?? '')
      ? fail('Subscription \'${s.name}\' has a Teams webhook, so its name cannot contain \'--\' (its webhook setting would be DealWatch__Teams__Webhooks__${replace(s.name, '-', '_')}, where __ separates keys)')
      : replace(s.name, '-', '_')
  }),
  c => !empty(c.emails) || !empty(c.webhookSecret)
)

var subscriptionSettings = toObject(
  flatten(map(
    range(0, length(channelled)),
    i =>
      concat(
        [
          { key: 'DealWatch__Subscriptions__${i}__Name', value: channelled[i].subscription.name }
          { key: 'DealWatch__Subscriptions__${i}__Language', value: channelled[i].subscription.language }
          {
            key: 'DealWatch__Subscriptions__${i}__Deals__MinAmountUsd'
            value: string(channelled[i].subscription.minDealUsd)
          }
        ],
        map(
          range(0, length(channelled[i].emails)),
          j => { key: 'DealWatch__Subscriptions__${i}__Email__${j}', value: channelled[i].emails[j] }
        ),
        empty(channelled[i].webhookSecret)
          ? []
          : [{ key: 'DealWatch__Subscriptions__${i}__Teams__0', value: channelled[i].webhook }],
        optionalSetting('DealWatch__Subscriptions__${i}__TimeZone', channelled[i].subscription.?timeZone),
        optionalSetting('DealWatch__Subscriptions__${i}__QuietHours', channelled[i].subscription.?quietHours),
        optionalSetting('DealWatch__Subscriptions__${i}__DigestAt', channelled[i].subscription.?digestAt)
      )
  )),
  entry => entry.key,
  entry => entry.value
)

// The webhook URLs, by webhook name: Key Vault references (the URL carries a signature). Queue messages carry
// only the name.
var teamsSettings = toObject(
  filter(channelled, c => !empty(c.webhookSecret)),
  c => 'DealWatch__Teams__Webhooks__${c.webhook}',
  c => keyVaultReference(keyVaultName, c.webhookSecret)
)

var classificationSettings = union(
  empty(languageEndpoint) ? {} : { DealWatch__Classification__Language__Endpoint: languageEndpoint },
  empty(languageKeySecretName)
    ? {}
    : { DealWatch__Classification__Language__Key: keyVaultReference(keyVaultName, languageKeySecretName) }
)

var appSettings = union(
  hostSettings,
  pipelineSettings,
  emailSettings,
  subscriptionSettings,
  teamsSettings,
  sourceSettings,
  classificationSettings
)

resource settings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: app
  name: 'appsettings'
  properties: appSettings
}

