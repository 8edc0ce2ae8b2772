using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using RayGen.Tests.Infrastructure;
using Xunit;

namespace RayGen.Tests.Analyzers
{
    /// <summary>The YAML under "## Example" on a rule page reports that rule (pages whose example is a whole manifest).</summary>
    public class RuleExamplesTests
    {
        [Theory]
        [InlineData("RAY0006")]
        [InlineData("RAY0007")]
        [InlineData("RAY0009")]
        [InlineData("RAY0020")]
        [InlineData("RAY0021")]
        [InlineData("RAY0022")]
        [InlineData("RAY0023")]
        [InlineData("RAY0024")]
        [InlineData("RAY0025")]
        [InlineData("RAY0026")]
        [InlineData("RAY0027")]
        [InlineData("RAY0028")]
        [InlineData("RAY0061")]
        public void ExampleReportsTheRule(string id)
        {
            AssertExampleReports(id, null);
        }

        /// <summary>Pages whose example needs a project setting (the page says which).</summary>
        [Theory]
        [InlineData("RAY0064", "RayGenEnableInitContainerInjection", "false")]
        public void ExampleWithSettingReportsTheRule(string id, string property, string value)
        {
            AssertExampleReports(id, new Dictionary<string, string> { [property] = value });
        }

        private static void AssertExampleReports(string id, IDictionary<string, string>? properties)
        {
            string page = File.ReadAllText(Path.Combine(RepoPaths.Docs, "rules", id + ".md"));
            string example = page.Substring(page.IndexOf("## Example", StringComparison.Ordinal));
            int start = example.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
            string yaml = example.Substring(start, example.IndexOf("```", start, StringComparison.Ordinal) - start);
            var diagnostics = GeneratorHarness.Analyze(new[] { (RuleVerifier.Path, yaml) }, properties);
            Assert.Contains(diagnostics, d => d.Id == id);
            Assert.DoesNotContain(diagnostics, d => d.Id is "AD0001" or "RAY0199" or "RAY0191");
        }
    }
}
