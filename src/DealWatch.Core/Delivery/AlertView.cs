using DealWatch.Core.Alerts;

namespace DealWatch.Core.Delivery;

/// <summary>
/// What one alert says, in one language, before it is written as HTML, plain text or an Adaptive Card. Every text
/// in it is one clean line; story texts have also been through the writer's cleaner (see <see cref="AlertComposer"/>).
/// </summary>
internal sealed record AlertView(
    string AlertId,
    AlertKind Kind,
    string KindLabel,
    string Headline,
    IReadOnlyList<ViewFact> Facts,
    IReadOnlyList<ViewSource> Sources,
    IReadOnlyList<ViewQuote> Market,
    string Footer);

/// <summary>One labelled fact ("Amount": "US$38B (as reported: …)").</summary>
internal sealed record ViewFact(string Title, string Value);

/// <summary>One story: its title, the link when it is http(s), the outlet and when it was published.</summary>
internal sealed record ViewSource(string Title, Uri? Link, string Outlet, string? PublishedAt);

/// <summary>One row of the market beside an alert.</summary>
internal sealed record ViewQuote(string Name, string Price, string Change, string Percent, string Summary);
