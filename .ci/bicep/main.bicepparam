// What `azd up` deploys with nothing configured (no secrets given), for the snapshot .ci/bicep-check asserts on.
using '../../infra/main.bicep'

param environmentName = 'ci'
param location = 'eastus2'
param principalId = '11111111-1111-1111-1111-111111111111'
