// Every app setting the Function App gets, in one place: a renamed setting is one edit here. Nested .NET
// configuration keys use `__` (DealWatch:Email:From is DealWatch__Email__From). Secrets appear only as Key
// Vault references, and only for secrets that exist; no setting carries an account key or connection string.

import { sourceConfig, subscriptionConfig } from 'types.bicep'

param functionAppName string
param storageAccountName string
param identityName string
param applicationInsightsName string
param keyVaultName string

@description('Key Vault secret with the SendGrid API key; empty when none was given.')
param sendGridSecretName string = ''

@description('Key Vault secret with the Azure AI Language key; empty when none was given.')
param languageKeySecretName string = ''

@description('For each subscription, in order, the Key Vault secret with its Teams webhook URL; empty (or missing) when it has none.')
param teamsWebhookSecretNames string[] = []

@description('NCRONTAB (six fields) of the PollNews timer.')
param newsSchedule string

@description('NCRONTAB (six fields) of the PollMarkets timer.')
param marketsSchedule string

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
  DealWatch__Markets__Symbols: marketSymbols
}

var emailSettings = union(
  {
    DealWatch__Email__From: emailFrom
    DealWatch__Email__FromName: emailFromName
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

var recipients = map(subscriptions, s => filter(s.emails, e => !empty(trim(e))))

var subscriptionSettings = toObject(
  flatten(map(
    range(0, length(subscriptions)),
    i =>
      concat(
        [
          { key: 'DealWatch__Subscriptions__${i}__Name', value: subscriptions[i].name }
          { key: 'DealWatch__Subscriptions__${i}__MinDealUsd', value: string(subscriptions[i].minDealUsd) }
          { key: 'DealWatch__Subscriptions__${i}__Language', value: subscriptions[i].language }
        ],
        map(range(0, length(recipients[i])), j => { key: 'DealWatch__Subscriptions__${i}__Email__${j}', value: recipients[i][j] }),
        empty(teamsWebhookSecretNames[?i] ?? '')
          ? []
          : [
              {
                key: 'DealWatch__Subscriptions__${i}__TeamsWebhook'
                value: keyVaultReference(keyVaultName, teamsWebhookSecretNames[i])
              }
            ]
      )
  )),
  entry => entry.key,
  entry => entry.value
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
  sourceSettings,
  classificationSettings
)

resource settings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: app
  name: 'appsettings'
  properties: appSettings
}

