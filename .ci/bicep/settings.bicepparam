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
// 'idle' maps to an empty name (no webhook); 'ghost' names no subscription.
param teamsWebhookSecretNames = {
  deals: 'teams-webhook-deals'
  idle: ''
  'ops-teams': 'teams-webhook-ops-teams'
  ghost: 'teams-webhook-ghost'
}
param newsSchedule = '0 */5 * * * *'
param marketsSchedule = '0 */2 * * * *'
param digestSchedule = '0 */15 * * * *'
param emailFrom = 'alerts@example.com'
param emailFromName = 'DealWatch'
// 'idle' has no channel (blank recipients, no webhook) and must be left out, so 'tw-desk' becomes 1 and
// 'ops-teams' (a webhook, no e-mail) becomes 2.
param subscriptions = [
  {
    name: 'deals'
    emails: ['ops@example.com', '', 'cfo@example.com']
    minDealUsd: 1000000000
    language: 'en'
  }
  {
    name: 'idle'
    emails: ['', ' ']
    minDealUsd: 0
    language: 'en'
  }
  {
    name: 'tw-desk'
    emails: ['tw-desk@example.com']
    minDealUsd: 500000000
    language: 'zh-Hant'
    timeZone: 'Asia/Taipei'
    quietHours: '22:00-07:00'
    digestAt: '07:30'
  }
  {
    name: 'ops-teams'
    emails: []
    minDealUsd: 2000000000
    language: 'en'
    timeZone: ''
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
