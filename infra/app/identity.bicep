// The app's user-assigned managed identity. It exists before the app does, so its role assignments can be
// in place when the app first starts, and the same identity reads storage, Key Vault and App Insights.

import { tagsType } from 'types.bicep'

param location string
param tags tagsType
param name string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output name string = identity.name
output id string = identity.id
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
