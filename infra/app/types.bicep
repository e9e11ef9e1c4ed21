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
@description('Who gets which alerts. Expands to DealWatch__Subscriptions__<i>__* app settings; a subscription with no channel (no e-mail recipient and no Teams webhook URL) is left out, and the rest are numbered without gaps.')
type subscriptionConfig = {
  @description('Unique name, matching ^[a-z0-9][a-z0-9-]{0,31}$ (1-32 lower-case letters, digits or hyphens, not starting with a hyphen): it becomes part of alert ids and table keys, and the app refuses any other at start-up. teamsWebhookUrls is keyed by it.')
  @minLength(1)
  @maxLength(32)
  name: string

  @description('E-mail recipients; empty strings are ignored (so an unset azd variable adds no recipient).')
  emails: string[]

  @description('Smallest deal value, in US dollars, that alerts this subscription (DealWatch__Subscriptions__<i>__Deals__MinAmountUsd).')
  @minValue(0)
  minDealUsd: int

  @description('Language of the alerts.')
  language: ('en' | 'zh-Hant')

  @description('IANA time zone of quietHours and digestAt, e.g. Asia/Taipei or America/New_York; the app uses UTC when it is not set. Empty counts as not set.')
  timeZone: string?

  @description('Hours in which alerts are held for the digest instead of sent, in timeZone, as HH:mm-HH:mm (e.g. 22:00-07:00). Empty counts as not set.')
  quietHours: string?

  @description('Local time (timeZone) of the daily digest e-mail, as HH:mm (e.g. 07:30); no digest when not set. Empty counts as not set.')
  digestAt: string?
}

@export()
@description('True when name is a valid subscription name: ^[a-z0-9][a-z0-9-]{0,31}$ (Bicep has no regular expressions, so this spells it out).')
func isSubscriptionName(name string) bool =>
  length(name) >= 1 && length(name) <= 32 && !startsWith(name, '-') && empty(filter(
    map(range(0, length(name)), k => substring(name, k, 1)),
    c => !contains('abcdefghijklmnopqrstuvwxyz0123456789-', c)
  ))

@export()
@description('The subscriptions, unchanged; fails the deployment, before anything is created, when a name is not a valid subscription name or is used twice (the app would refuse either at start-up).')
func checkedSubscriptions(subscriptions subscriptionConfig[]) subscriptionConfig[] =>
  map(
    range(0, length(subscriptions)),
    i =>
      !isSubscriptionName(subscriptions[i].name)
        ? fail('Subscription name \'${subscriptions[i].name}\' must match ^[a-z0-9][a-z0-9-]{0,31}$ (1-32 lower-case letters, digits or hyphens)')
        : indexOf(map(subscriptions, s => s.name), subscriptions[i].name) != i
            ? fail('Subscription name \'${subscriptions[i].name}\' is used more than once')
            : subscriptions[i]
  )

@export()
@description('Resource tags.')
type tagsType = {
  *: string
}
