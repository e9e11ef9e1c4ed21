// Every secret given (fake values): the snapshot must hold one Key Vault secret per value, and no value.
using '../../infra/main.bicep'

param environmentName = 'ci'
param location = 'eastus2'
param sendGridApiKey = 'SG.fake-sendgrid-key-for-bicep-check'
param teamsWebhookUrls = {
  default: 'https://prod-00.eastus2.logic.azure.com/workflows/fake/triggers/manual/paths/invoke?sig=fake-teams-signature-for-bicep-check'
}
param languageKey = 'fake-language-key-for-bicep-check'
