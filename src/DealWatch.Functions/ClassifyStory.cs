using DealWatch.Core;
using DealWatch.Core.Storage;
using DealWatch.Core.Stories;
using Microsoft.Azure.Functions.Worker;

namespace DealWatch.Functions;

/// <summary>Classifies one new story; a deal story joins its deal, which publishes the alerts it calls for.</summary>
public sealed class ClassifyStory(StoryProcessor processor)
{
    [Function(nameof(ClassifyStory))]
    public Task Run([QueueTrigger(QueueNames.Stories)] StoryMessage message, CancellationToken cancellationToken) =>
        processor.ProcessAsync(message, cancellationToken);
}
