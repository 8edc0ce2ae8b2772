using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using RayGen.Tests.Infrastructure;
using Xunit;
using static RayGen.Tests.Infrastructure.Manifests;

namespace RayGen.Tests.Generator
{
    /// <summary>
    /// The generator must do no work on unrelated edits and only the needed work on YAML edits
    /// (the IDE runs it on every keystroke).
    /// </summary>
    public class IncrementalTests
    {
        private static readonly string[] AllSteps = typeof(TrackingNames)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetValue(null)!)
            .ToArray();

        private static InMemoryAdditionalText File(string name, string clusterName, string comment = "", string cpu = "1") =>
            new("/project/ray/" + name, comment + RayCluster(clusterName, Group(Resources(cpu, "1Gi")), Worker("w", Group(Resources(cpu, "1Gi")))));

        private static (GeneratorDriver Driver, Compilation Compilation) FirstRun(params AdditionalText[] files) => FirstRun(false, files);

        private static (GeneratorDriver Driver, Compilation Compilation) FirstRun(bool kubernetes, params AdditionalText[] files)
        {
            GeneratorDriver driver = GeneratorHarness.Driver(files);
            Compilation compilation = GeneratorHarness.Compilation(kubernetes: kubernetes);
            driver = driver.RunGenerators(compilation);
            return (driver, compilation);
        }

        private static IEnumerable<IncrementalStepRunReason> Reasons(GeneratorDriver driver, string step) =>
            driver.GetRunResult().Results.Single().TrackedSteps.TryGetValue(step, out var runs)
                ? runs.SelectMany(r => r.Outputs).Select(o => o.Reason)
                : Enumerable.Empty<IncrementalStepRunReason>();

        private static IEnumerable<IncrementalStepRunReason> OutputReasons(GeneratorDriver driver) =>
            driver.GetRunResult().Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(r => r.Outputs).Select(o => o.Reason);

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void UnrelatedCSharpEditIsCachedEverywhere(bool kubernetes)
        {
            var (driver, compilation) = FirstRun(kubernetes, File("a.yaml", "a"), File("b.yaml", "b"));
            Assert.Equal(kubernetes, driver.GetRunResult().GeneratedTrees.Any(t => t.ToString().Contains("CreateHeadPod(")));
            Compilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Other { public int Pod; }"));
            driver = driver.RunGenerators(edited);

            foreach (string step in AllSteps)
            {
                Assert.All(Reasons(driver, step), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, step + ": " + r));
            }

            // The compilation changed, so the model description was recomputed, and came out equal.
            Assert.Equal(new[] { IncrementalStepRunReason.Unchanged }, Reasons(driver, TrackingNames.KubernetesModel));
            Assert.All(OutputReasons(driver), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        }

        [Fact]
        public void ReferencingKubernetesClientAddsPodCodeWithoutReparsing()
        {
            var (driver, compilation) = FirstRun(File("a.yaml", "a"));
            driver = driver.RunGenerators(compilation.AddReferences(GeneratorHarness.KubernetesClient));

            Assert.Equal(new[] { IncrementalStepRunReason.Modified }, Reasons(driver, TrackingNames.KubernetesModel));
            Assert.DoesNotContain(IncrementalStepRunReason.Modified, Reasons(driver, TrackingNames.ParsedFiles));
            Assert.DoesNotContain(IncrementalStepRunReason.Modified, Reasons(driver, TrackingNames.ClusterFiles));
            Assert.Contains(IncrementalStepRunReason.Modified, OutputReasons(driver));
            Assert.Contains(driver.GetRunResult().GeneratedTrees, t => t.ToString().Contains("CreateHeadPod("));
        }

        [Fact]
        public void YamlCommentEditWithKubernetesClientStopsAtTheModel()
        {
            InMemoryAdditionalText a = File("a.yaml", "a");
            var (driver, compilation) = FirstRun(true, a);
            driver = driver.ReplaceAdditionalText(a, File("a.yaml", "a", comment: "# comment\n")).RunGenerators(compilation);

            Assert.Equal(new[] { IncrementalStepRunReason.Unchanged }, Reasons(driver, TrackingNames.ParsedFiles));
            Assert.DoesNotContain(IncrementalStepRunReason.Modified, OutputReasons(driver));
        }

        [Fact]
        public void YamlCommentEditReparsesOnlyThatFileAndStopsAtTheModel()
        {
            InMemoryAdditionalText a = File("a.yaml", "a"), b = File("b.yaml", "b");
            var (driver, compilation) = FirstRun(a, b);
            driver = driver.ReplaceAdditionalText(a, File("a.yaml", "a", comment: "# a comment that moves every line\n\n")).RunGenerators(compilation);

            Assert.Equal(1, Reasons(driver, TrackingNames.FileInputs).Count(r => r == IncrementalStepRunReason.Modified));
            Assert.Equal(1, Reasons(driver, TrackingNames.ParsedFiles).Count(r => r == IncrementalStepRunReason.Unchanged));
            Assert.DoesNotContain(IncrementalStepRunReason.Modified, Reasons(driver, TrackingNames.ParsedFiles));
            Assert.DoesNotContain(IncrementalStepRunReason.Modified, Reasons(driver, TrackingNames.ClusterFiles));
            Assert.DoesNotContain(IncrementalStepRunReason.Modified, OutputReasons(driver));
        }

        [Fact]
        public void ValueEditInOneOfManyFilesRegeneratesOnlyThatFile()
        {
            AdditionalText[] files = Enumerable.Range(0, 20).Select(i => (AdditionalText)File($"f{i:D2}.yaml", $"c{i}")).ToArray();
            var (driver, compilation) = FirstRun(files);
            driver = driver.ReplaceAdditionalText(files[7], File("f07.yaml", "c7", cpu: "3")).RunGenerators(compilation);

            Assert.Equal(1, Reasons(driver, TrackingNames.ParsedFiles).Count(r => r == IncrementalStepRunReason.Modified));
            Assert.Equal(1, Reasons(driver, TrackingNames.ClusterFiles).Count(r => r == IncrementalStepRunReason.Modified));
            Assert.Equal(1, Reasons(driver, TrackingNames.EmitModels).Count(r => r == IncrementalStepRunReason.Modified));
            Assert.DoesNotContain(IncrementalStepRunReason.Modified, Reasons(driver, TrackingNames.Names));
            Assert.Equal(1, OutputReasons(driver).Count(r => r == IncrementalStepRunReason.Modified));
        }

        [Fact]
        public void KubeRayVersionChangeRebuildsModelsWithoutReparsing()
        {
            var (driver, compilation) = FirstRun(File("a.yaml", "a"));
            driver = ((Microsoft.CodeAnalysis.CSharp.CSharpGeneratorDriver)driver)
                .WithUpdatedAnalyzerConfigOptions(new TestOptionsProvider(new Dictionary<string, string> { ["RayGenKubeRayVersion"] = "1.3" }))
                .RunGenerators(compilation);

            Assert.Contains(IncrementalStepRunReason.Modified, Reasons(driver, TrackingNames.Settings));
            Assert.DoesNotContain(IncrementalStepRunReason.Modified, Reasons(driver, TrackingNames.ParsedFiles));
            Assert.Contains(IncrementalStepRunReason.Modified, Reasons(driver, TrackingNames.ClusterFiles));
            Assert.Contains(IncrementalStepRunReason.Modified, OutputReasons(driver));
        }

        [Fact]
        public void PipelineModelsHoldNoRoslynOrYamlObjects()
        {
            var (driver, _) = FirstRun(true, File("a.yaml", "a"));
            Assert.Contains(driver.GetRunResult().Results.Single().TrackedSteps[TrackingNames.KubernetesModel].SelectMany(r => r.Outputs), o => o.Value is Model.KubeModelDescription);
            var banned = new[] { typeof(Compilation), typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location), typeof(AdditionalText), typeof(SourceText), typeof(RayGen.Yaml.YamlNode) };
            foreach (var step in driver.GetRunResult().Results.Single().TrackedSteps.Where(s => AllSteps.Contains(s.Key)))
            {
                foreach (var output in step.Value.SelectMany(r => r.Outputs))
                {
                    AssertNoBannedTypes(output.Value, banned, step.Key, new HashSet<object>(ReferenceEqualityComparer.Instance), 0);
                }
            }
        }

        private static void AssertNoBannedTypes(object? value, Type[] banned, string path, HashSet<object> seen, int depth)
        {
            if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || depth > 30 || !seen.Add(value))
            {
                return;
            }

            Type type = value.GetType();
            Assert.False(banned.Any(b => b.IsAssignableFrom(type)), $"{path} holds a {type.Name}");
            if (value is IEnumerable items)
            {
                foreach (object? item in items)
                {
                    AssertNoBannedTypes(item, banned, path + "[]", seen, depth + 1);
                }
            }

            foreach (FieldInfo field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            {
                AssertNoBannedTypes(field.GetValue(value), banned, path + "." + field.Name, seen, depth + 1);
            }
        }
    }
}
