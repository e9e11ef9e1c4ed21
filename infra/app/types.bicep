// Shapes of the structured parameters, shared by main.bicep and app/settings.bicep.

@export()
@description('A news source the PollNews timer reads. Expands to DealWatch__Sources__<i>__* app settings.')
type sourceConfig = {
  @description('Unique display name; also the row key of the source\'s health in the sources table.')
  name: string

  @description('Feed or API URL.')
  url: string

  @description('How to read it: an RSS/Atom feed, the cnyes JSON news list, a Google News RSS search, or the SEC EDGAR current-filings Atom feed.')
  kind: ('feed' | 'cnyes' | 'googlenews' | 'edgar')

  @description('Language of the stories.')
  language: ('en' | 'zh-Hant')
}

@export()
@description('Who gets which alerts. Expands to DealWatch__Subscriptions__<i>__* app settings.')
type subscriptionConfig = {
  @description('Unique name; teamsWebhookUrls is keyed by it.')
  name: string

  @description('E-mail recipients; empty strings are ignored (so an unset azd variable adds no recipient).')
  emails: string[]

  @description('Smallest deal value, in US dollars, that alerts this subscription.')
  @minValue(0)
  minDealUsd: int

  @description('Language of the alerts.')
  language: ('en' | 'zh-Hant')
}

@export()
@description('Resource tags.')
type tagsType = {
  *: string
}
