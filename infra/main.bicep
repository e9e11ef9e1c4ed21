// DealWatch on Azure: `azd up` provisions this and deploys src/DealWatch.Functions to it.
// A Flex Consumption Function App (.NET 10 isolated) that reaches its storage account, Key Vault and
// Application Insights with a user-assigned managed identity; no account key or secret is in any setting.
targetScope = 'subscription'

import { checkedSubscriptions, sourceConfig, subscriptionConfig } from 'app/types.bicep'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; seeds the resource names (a hash of it) and the azd-env-name tag.')
param environmentName string

@minLength(1)
@description('Region of every resource; it must offer Flex Consumption (az functionapp list-flexconsumption-locations).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Object id of the deploying user or pipeline (azd passes AZURE_PRINCIPAL_ID). It gets Key Vault Secrets Officer, Storage Queue Data Contributor and Storage Table Data Reader. Empty grants nothing.')
param principalId string = ''

@description('Kind of principalId: User, or ServicePrincipal when a pipeline deploys (azd passes AZURE_PRINCIPAL_TYPE).')
@allowed(['User', 'ServicePrincipal'])
param principalType string = 'User'

// Secrets. Each is optional: its Key Vault secret, and the app setting that references it, exist only when a
// value is given. azd keeps the values in .azure/<env>/.env (see main.parameters.json).

@secure()
@description('SendGrid API key for the e-mail channel.')
param sendGridApiKey string = ''

@secure()
@description('Teams Workflows webhook URL per subscription name, e.g. {"default": "https://...logic.azure.com/..."}; an empty value counts as none. The URL carries a signature, so it is kept in Key Vault (secret teams-webhook-<subscription name>).')
param teamsWebhookUrls { *: string } = {}

@secure()
@description('Azure AI Language key, for the optional entity-recognition classifier.')
param languageKey string = ''

// What the app watches and whom it tells.

@description('NCRONTAB (six fields) of the news poll.')
param newsSchedule string = '0 */5 * * * *'

@description('NCRONTAB (six fields) of the market poll.')
param marketsSchedule string = '0 */2 * * * *'

@description('NCRONTAB (six fields) of the digest timer: each run sends the digests whose subscription\'s digestAt has come, so it bounds how late a digest can be.')
param digestSchedule string = '0 */15 * * * *'

@description('Sender address of alert e-mails (verified in SendGrid).')
param emailFrom string = 'alerts@example.com'

@description('Sender display name of alert e-mails.')
param emailFromName string = 'DealWatch'

@description('Alert subscriptions: name, recipients, threshold, language and, optionally, timeZone, quietHours and digestAt. Names match ^[a-z0-9][a-z0-9-]{0,31}$ and are unique. A subscription with neither an e-mail recipient nor a Teams webhook URL is left out of the app settings (the app refuses one at start-up).')
param subscriptions subscriptionConfig[] = [
  {
    name: 'default'
    emails: []
    minDealUsd: 1000000000
    language: 'en'
  }
]

@description('News sources polled on newsSchedule.')
param sources sourceConfig[] = [
  {
    name: 'PR Newswire M&A'
    url: 'https://www.prnewswire.com/rss/financial-services-latest-news/acquisitions-mergers-and-takeovers-list.rss'
    kind: 'feed'
    language: 'en'
  }
  {
    name: 'Google News deals (en)'
    url: 'https://news.google.com/rss/search?q=%22to+acquire%22+OR+merger+OR+acquisition+billion&hl=en-US&gl=US&ceid=US:en'
    kind: 'googlenews'
    language: 'en'
  }
  {
    name: 'Google News 併購 (zh-Hant)'
    url: 'https://news.google.com/rss/search?q=%E4%BD%B5%E8%B3%BC+OR+%E6%94%B6%E8%B3%BC&hl=zh-TW&gl=TW&ceid=TW:zh-Hant'
    kind: 'googlenews'
    language: 'zh-Hant'
  }
  {
    name: 'cnyes headlines'
    url: 'https://api.cnyes.com/media/api/v1/newslist/category/headline?limit=30'
    kind: 'cnyes'
    language: 'zh-Hant'
  }
  {
    name: 'SEC EDGAR 8-K'
    url: 'https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&type=8-K&output=atom'
    kind: 'edgar'
    language: 'en'
  }
]

@description('Comma-separated quote symbols polled on marketsSchedule.')
param marketSymbols string = '^DJI,^IXIC,^GSPC,^TWII,TXF,AMZN,MSFT,GOOGL,META,ORCL,NVDA,AMD,AVGO,CRWV,2330.TW'

@description('Azure AI Language endpoint (https://<name>.cognitiveservices.azure.com/); empty keeps the built-in classifier only.')
param languageEndpoint string = ''

// How far it scales.

@description('Most instances the Function App scales out to (40 to 1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory of each Function App instance, in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var functionAppName = 'func-${resourceToken}'
var storageAccountName = 'st${resourceToken}'
var keyVaultName = 'kv-${resourceToken}'
var deploymentContainerName = 'app-package-${resourceToken}'
var identityName = 'id-api-${resourceToken}'
var applicationInsightsName = 'appi-${resourceToken}'
var logAnalyticsName = 'log-${resourceToken}'

// Key Vault secret names, and their values from the secure parameters (empty when not given).
var sendGridSecretName = 'sendgrid-api-key'
var languageKeySecretName = 'language-key'
// A subscription's Teams webhook secret is named after the subscription, so reordering subscriptions moves no
// URL; checkedSubscriptions fails the deployment first if a name is invalid or used twice.
var subscriptionNames = map(checkedSubscriptions(subscriptions), s => s.name)
var teamsWebhookSecretNames = map(subscriptionNames, name => 'teams-webhook-${name}')
var secretNames = concat([sendGridSecretName, languageKeySecretName], teamsWebhookSecretNames)
var secretValues = union(
  {
    '${sendGridSecretName}': sendGridApiKey
    '${languageKeySecretName}': languageKey
  },
  toObject(subscriptionNames, name => 'teams-webhook-${name}', name => teamsWebhookUrls[?name] ?? '')
)
// Each secret's name when its value was given, else '' (no secret, so no setting refers to it).
var givenSecretNames = toObject(secretNames, name => name, name => empty(secretValues[name]) ? '' : name)

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module monitor 'core/monitor.bicep' = {
  name: 'monitor'
  scope: rg
  params: {
    location: location
    tags: tags
    logAnalyticsName: logAnalyticsName
    applicationInsightsName: applicationInsightsName
  }
}

module storage 'core/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    location: location
    tags: tags
    name: storageAccountName
    deploymentContainerName: deploymentContainerName
  }
}

module keyVault 'core/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    location: location
    tags: tags
    name: keyVaultName
  }
}

module secrets 'core/keyvault-secret.bicep' = [
  for name in secretNames: if (!empty(secretValues[name])) {
    name: 'secret-${name}'
    scope: rg
    dependsOn: [keyVault]
    params: {
      keyVaultName: keyVaultName
      name: name
      value: secretValues[name]
    }
  }
]

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    location: location
    tags: tags
    name: identityName
  }
}

// Names are passed as the variables they are (known when the deployment starts, so what-if can predict
// the assignments), with explicit dependencies on the modules that create the resources.
module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  dependsOn: [storage, keyVault, monitor]
  params: {
    storageAccountName: storageAccountName
    keyVaultName: keyVaultName
    applicationInsightsName: applicationInsightsName
    // Known only once the identity exists; it names the assignments, as guid(scope.id, principalId, roleId).
    #disable-next-line what-if-short-circuiting
    appPrincipalId: identity.outputs.principalId
    userPrincipalId: principalId
    userPrincipalType: principalType
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    location: location
    tags: tags
    name: functionAppName
    planName: 'plan-${resourceToken}'
    identityId: identity.outputs.id
    storageBlobEndpoint: storage.outputs.blobEndpoint
    deploymentContainerName: deploymentContainerName
    runtimeName: 'dotnet-isolated'
    runtimeVersion: '10.0'
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
  }
}

module settings 'app/settings.bicep' = {
  name: 'settings'
  scope: rg
  // The app restarts when its settings change; by then it can reach storage, Key Vault and App Insights.
  dependsOn: [api, identity, monitor, secrets, rbac]
  params: {
    functionAppName: functionAppName
    storageAccountName: storageAccountName
    identityName: identityName
    applicationInsightsName: applicationInsightsName
    keyVaultName: keyVaultName
    sendGridSecretName: givenSecretNames[sendGridSecretName]
    languageKeySecretName: givenSecretNames[languageKeySecretName]
    teamsWebhookSecretNames: toObject(subscriptionNames, name => name, name => givenSecretNames['teams-webhook-${name}'])
    newsSchedule: newsSchedule
    marketsSchedule: marketsSchedule
    digestSchedule: digestSchedule
    emailFrom: emailFrom
    emailFromName: emailFromName
    subscriptions: subscriptions
    sources: sources
    marketSymbols: marketSymbols
    languageEndpoint: languageEndpoint
  }
}

// Outputs land in .azure/<env>/.env; none is a secret.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output SERVICE_API_NAME string = api.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
@description('Lets the CLI (`dealwatch replay`) reach the account with your az login: eval "$(azd env get-values)".')
output AzureWebJobsStorage__accountName string = storage.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_APPLICATION_INSIGHTS_NAME string = monitor.outputs.applicationInsightsName
output AZURE_LOG_ANALYTICS_WORKSPACE_NAME string = monitor.outputs.logAnalyticsName
output AZURE_LOG_ANALYTICS_WORKSPACE_ID string = monitor.outputs.logAnalyticsCustomerId
