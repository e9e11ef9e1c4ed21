// Log Analytics workspace and a workspace-based Application Insights component. Local (instrumentation
// key) authentication is off: telemetry is accepted only with an Entra token, which the app gets from its
// managed identity (APPLICATIONINSIGHTS_AUTHENTICATION_STRING and the Monitoring Metrics Publisher role).

import { tagsType } from '../app/types.bicep'

param location string
param tags tagsType
param logAnalyticsName string
param applicationInsightsName string

@description('Days Log Analytics keeps the app\'s logs and traces.')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2025-02-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    features: {
      enableLogAccessUsingOnlyResourcePermissions: true
    }
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true
  }
}

output applicationInsightsName string = applicationInsights.name
output logAnalyticsName string = logAnalytics.name
@description('The workspace id that `az monitor log-analytics query --workspace` takes.')
output logAnalyticsCustomerId string = logAnalytics.properties.customerId
