// The settings module on its own, with secret names given (main.bicep passes a name only when the secret
// was given), so that the snapshot evaluates the Key Vault references.
using '../../infra/app/settings.bicep'

param functionAppName = 'func-test'
param storageAccountName = 'sttest'
param identityName = 'id-test'
param applicationInsightsName = 'appi-test'
param keyVaultName = 'kv-test'
param sendGridSecretName = 'sendgrid-api-key'
param languageKeySecretName = 'language-key'
param teamsWebhookSecretNames = ['teams-webhook-0', '']
param newsSchedule = '0 */5 * * * *'
param marketsSchedule = '0 */2 * * * *'
param emailFrom = 'alerts@example.com'
param emailFromName = 'DealWatch'
param subscriptions = [
  {
    name: 'deals'
    emails: ['ops@example.com', '', 'cfo@example.com']
    minDealUsd: 1000000000
    language: 'en'
  }
  {
    name: 'tw'
    emails: []
    minDealUsd: 500000000
    language: 'zh-Hant'
  }
]
param sources = [
  {
    name: 'SEC EDGAR 8-K'
    url: 'https://www.sec.gov/cgi-bin/browse-edgar?action=getcurrent&type=8-K&output=atom'
    kind: 'edgar'
    language: 'en'
  }
]
param marketSymbols = '^DJI,2330.TW'
param languageEndpoint = 'https://lang-test.cognitiveservices.azure.com/'
