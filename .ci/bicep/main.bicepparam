// What `azd up` deploys with nothing configured (no secrets given), for the snapshot .ci/bicep-check asserts on.
// The subscription is the one infra/main.parameters.json passes when DEALWATCH_ALERT_EMAIL is unset (azd
// substitutes an empty string); TEAMS_WEBHOOK_URL unset is teamsWebhookUrls left at its default (a given secure
// value would leave the app settings unevaluated in the snapshot). Having no channel, it must be left out.
using '../../infra/main.bicep'

param environmentName = 'ci'
param location = 'eastus2'
param principalId = '11111111-1111-1111-1111-111111111111'
param subscriptions = [
  {
    name: 'default'
    emails: ['']
    minDealUsd: 1000000000
    language: 'en'
  }
]
