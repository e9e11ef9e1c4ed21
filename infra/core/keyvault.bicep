// Key Vault in RBAC mode for the app's secrets: the SendGrid API key, the Teams webhook URLs (they carry a
// signature) and the Azure AI Language key (core/keyvault-secret.bicep writes each one that is given). The
// app reads them through Key Vault references in its app settings, never as plain values.

import { tagsType } from '../app/types.bicep'

param location string
param tags tagsType
param name string

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    // Key Vault references on Flex Consumption cannot reach a network-restricted vault, so access is by
    // RBAC alone (see docs/deploy.md).
    publicNetworkAccess: 'Enabled'
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
