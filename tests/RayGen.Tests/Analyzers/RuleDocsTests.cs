using System;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using RayGen.Tests.Infrastructure;
using Xunit;

namespace RayGen.Tests.Analyzers
{
    /// <summary>Every rule RayGen can report has a page, a help link to it and a release-tracking row.</summary>
    public class RuleDocsTests
    {
        private static readonly DiagnosticDescriptor[] Descriptors = GeneratorHarness.AllAnalyzers()
            .SelectMany(a => a.SupportedDiagnostics)
            .GroupBy(d => d.Id)
            .Select(g => g.First())
            .ToArray();

        [Fact]
        public void EveryRuleHasAPageLinkedFromItsHelpLink()
        {
            Assert.NotEmpty(Descriptors);
            foreach (DiagnosticDescriptor descriptor in Descriptors)
            {
                string page = Path.Combine(RepoPaths.Docs, "rules", descriptor.Id + ".md");
                Assert.True(File.Exists(page), $"{descriptor.Id} has no docs/rules page");
                Assert.EndsWith("docs/rules/" + descriptor.Id + ".md", descriptor.HelpLinkUri, StringComparison.Ordinal);
                Assert.StartsWith("# " + descriptor.Id + " - ", File.ReadLines(page).First(), StringComparison.Ordinal);
            }
        }

        [Fact]
        public void EveryRuleIsInTheReleaseTrackingFiles()
        {
            string unshipped = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "RayGen", "AnalyzerReleases.Unshipped.md"));
            Assert.All(Descriptors, d => Assert.Contains(d.Id + " |", unshipped));
        }

        [Fact]
        public void EveryPageBelongsToARule()
        {
            string[] pages = Directory.GetFiles(Path.Combine(RepoPaths.Docs, "rules"), "RAY*.md").Select(Path.GetFileNameWithoutExtension).ToArray()!;
            Assert.Empty(pages.Except(Descriptors.Select(d => d.Id)));
        }
    }
}
