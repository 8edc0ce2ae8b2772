using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis.Text;
using RayGen.Diagnostics;
using RayGen.Generator;
using RayGen.Helpers;
using RayGen.KubeRay;
using RayGen.Manifests;
using RayGen.Model;
using RayGen.Yaml;

namespace RayGen.Benchmarks
{
    /// <summary>
    /// The generator's own stages without Roslyn, each over every file, to see which one dominates:
    /// YAML tree, manifest models, the operator's output, emitted C#.
    /// </summary>
    [BenchmarkCategory(Categories.Stages)]
    public class StageBenchmarks
    {
        private IReadOnlyList<(string Path, string Text)> _files = null!;
        private (string Path, EquatableArray<ManifestModel> Manifests)[] _manifests = null!;
        private ClusterOutputModel[] _clusters = null!;
        private FileEmitModel[] _emitModels = null!;
        private OperatorSettings _settings = null!;

        [Params(BenchmarkProject.Corpus, BenchmarkProject.Synthetic)]
        public string Project { get; set; } = BenchmarkProject.Corpus;

        [GlobalSetup]
        public void Setup()
        {
            _files = BenchmarkProject.Load(Project);
            _settings = RayGenSettings.Default.Operator!;
            _manifests = _files.Select(f => (f.Path, ManifestFile.Read(f.Text, null, CancellationToken.None))).ToArray();
            _clusters = Clusters();
            NameMap names = RayClusterGenerator.AssignNames(ImmutableArray.Create(
                _clusters.Select(c => new ClusterKey(c.SourcePath, c.DocumentIndex, c.Name, c.Kind)).ToEquatableArray()));
            _emitModels = _clusters
                .GroupBy(c => c.SourcePath)
                .Select(g => new FileEmitModel(
                    names.Files.First(f => f.SourcePath == g.Key).HintName,
                    "RayGen.Generated",
                    false,
                    g.Select(c => new NamedCluster(names.Clusters.First(n => n.SourcePath == c.SourcePath && n.DocumentIndex == c.DocumentIndex).Identifier, c)).ToEquatableArray()))
                .ToArray();
        }

        [Benchmark(Baseline = true)]
        public int YamlDotNetParser() => ColdBuildBenchmarks.ParseEvents(_files);

        [Benchmark]
        public int YamlReader()
        {
            int documents = 0;
            foreach ((string _, string text) in _files)
            {
                documents += RayGen.Yaml.YamlReader.Read(text).Documents.Count;
            }

            return documents;
        }

        /// <summary>YAML tree plus manifest models and located problems: what the analyzers' cache holds.</summary>
        [Benchmark]
        public int ManifestModels()
        {
            int manifests = 0;
            foreach ((string _, string text) in _files)
            {
                manifests += ManifestFile.Parse(text, new List<Problem>(), CancellationToken.None).Manifests.Count;
            }

            return manifests;
        }

        [Benchmark]
        public int OperatorOutput() => Clusters().Length;

        [Benchmark]
        public int EmitCSharp()
        {
            int length = 0;
            foreach (FileEmitModel model in _emitModels)
            {
                SourceText text = RayClusterGenerator.Emitter.EmitFile(model);
                length += text.Length;
            }

            return length;
        }

        private ClusterOutputModel[] Clusters() =>
            _manifests.SelectMany(f => f.Manifests.Select(m => ClusterBuilder.Build(m, f.Path, _settings, pods: false)))
                .Where(c => c is not null)
                .Select(c => c!)
                .ToArray();
    }
}
