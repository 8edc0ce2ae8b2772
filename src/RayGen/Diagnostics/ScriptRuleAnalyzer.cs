using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Analysis;
using RayGen.KubeRay;
using RayGen.Yaml;

namespace RayGen.Diagnostics
{
    /// <summary>What a script rule sees: one group's command sequences (<see cref="GroupScripts"/>) and a way to report.</summary>
    internal sealed class ScriptRuleContext
    {
        private readonly Action<Diagnostic> _report;
        private readonly Func<string, AnalyzerConfigOptions> _options;
        private readonly AnalyzerConfigOptions _globalOptions;
        private readonly HashSet<(string, int, int)> _reported = new();

        public ScriptRuleContext(GroupScripts scripts, Action<Diagnostic> report, Func<string, AnalyzerConfigOptions> options, AnalyzerConfigOptions globalOptions)
        {
            Scripts = scripts;
            _report = report;
            _options = options;
            _globalOptions = globalOptions;
        }

        public GroupScripts Scripts { get; }

        public GroupArgs Group => Scripts.Group;

        public OperatorSettings Settings => Scripts.Settings;

        /// <summary>A RayGen analyzer option (e.g. <c>raygen.startWrappers</c>): the manifest's editorconfig section first, then the global config.</summary>
        public string? Option(string key) =>
            _options(Scripts.File.Path).TryGetValue(key, out string? value) || _globalOptions.TryGetValue(key, out value) ? value : null;

        /// <summary>
        /// Reports at <paramref name="location"/> (once per location and rule), with related locations that may be in
        /// other files. Suppression comments and per-path severities of the primary location's file apply.
        /// </summary>
        public void Report(DiagnosticDescriptor descriptor, SourceRef location, ProblemSeverity? severity, IEnumerable<SourceRef>? additional, params object?[] messageArgs)
        {
            if (location.File.Tag is not AnalyzedFile file || !_reported.Add((location.File.Path, location.Span.Start, location.Span.End)))
            {
                return;
            }

            List<Location>? related = additional?
                .Where(r => r.File.Tag is AnalyzedFile && !r.Equals(location))
                .Select(r => ((AnalyzedFile)r.File.Tag!).Location(r.File.Path, r.Span))
                .ToList();
            RuleReporter.Report(_report, _options(location.File.Path), file, location.File.Path, descriptor, location.Span, severity, related is { Count: > 0 } ? related : null, messageArgs);
        }
    }

    /// <summary>
    /// Base of the rules that follow commands into scripts (group F, and the group A/B rules that read resolved scripts). ConfigMaps can live in any
    /// AdditionalFile (rules.md §0.1), so: each file is analyzed in its own file action against the ConfigMaps of
    /// that same file; a group whose lookups are all settled there (the file has an exact-namespace match, which
    /// no other file can beat) is reported right away, so the IDE shows it live. A group that needs another file
    /// (the ConfigMap is elsewhere, missing, or only a non-exact match is local) is re-analyzed at compilation end
    /// against every file's ConfigMaps. A group is always reported from exactly one of the two places.
    /// Crashes become RAY0199.
    /// </summary>
    public abstract class ScriptRuleAnalyzer : RuleAnalyzer
    {
        private static readonly ConditionalWeakTable<AnalyzedFile, ScriptFile> ScriptFiles = new();
        private static readonly ConditionalWeakTable<GroupArgs, GroupScripts> LocalResults = new();

        public sealed override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var indexed = new ConcurrentBag<ScriptFile>();
                var deferred = new ConcurrentBag<(ScriptFile File, OperatorSettings Settings, int[] Groups)>();
                var texts = new Lazy<Dictionary<string, AdditionalText>>(() =>
                    start.Options.AdditionalFiles.GroupBy(t => t.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal));
                AnalyzerConfigOptionsProvider provider = start.Options.AnalyzerConfigOptionsProvider;
                AnalyzerConfigOptions Options(string path) =>
                    texts.Value.TryGetValue(path, out AdditionalText? text) ? provider.GetOptions(text) : provider.GlobalOptions;

                start.RegisterAdditionalFileAction(fileContext =>
                {
                    if (AnalyzedFile.Get(fileContext) is not { Yaml: { } yaml } file)
                    {
                        return;
                    }

                    string path = fileContext.AdditionalFile.Path;
                    // One ScriptFile per file text, so that results can be shared by the rules (and file identity holds in the index).
                    ScriptFile scriptFile = ScriptFiles.GetValue(file, f => new ScriptFile(path, f.Content, yaml, f.Manifests.ToList(), f));
                    bool shared = string.Equals(scriptFile.Path, path, StringComparison.Ordinal);
                    if (!shared)
                    {
                        scriptFile = new ScriptFile(path, scriptFile.Text, yaml, scriptFile.Manifests, file); // the same text under another path
                    }

                    if (ConfigMapIndex.HasConfigMaps(scriptFile))
                    {
                        indexed.Add(scriptFile);
                    }

                    if (AnalyzerSettings.OperatorFor(fileContext) is not { } settings)
                    {
                        return;
                    }

                    try
                    {
                        var later = new List<int>();
                        IReadOnlyList<GroupArgs> groups = file.Groups(settings);
                        for (int i = 0; i < groups.Count; i++)
                        {
                            fileContext.CancellationToken.ThrowIfCancellationRequested();
                            GroupScripts scripts = shared
                                ? LocalResults.GetValue(groups[i], g => GroupScripts.Analyze(g, scriptFile, ConfigMapIndex.ForFile(scriptFile), settings))
                                : GroupScripts.Analyze(groups[i], scriptFile, ConfigMapIndex.ForFile(scriptFile), settings);
                            if (!scripts.Settled)
                            {
                                later.Add(i);
                                continue;
                            }

                            Analyze(new ScriptRuleContext(scripts, fileContext.ReportDiagnostic, Options, provider.GlobalOptions));
                        }

                        if (later.Count > 0)
                        {
                            deferred.Add((scriptFile, settings, later.ToArray()));
                        }
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        ReportCrash(fileContext.ReportDiagnostic, Options(path), file, path, ex);
                    }
                });

                start.RegisterCompilationEndAction(end =>
                {
                    if (deferred.IsEmpty)
                    {
                        return;
                    }

                    ConfigMapIndex index = ConfigMapIndex.ForFiles(indexed.Distinct().OrderBy(f => f.Path, StringComparer.Ordinal));
                    foreach (var (scriptFile, settings, groupIndices) in deferred.OrderBy(d => d.File.Path, StringComparer.Ordinal))
                    {
                        var file = (AnalyzedFile)scriptFile.Tag!;
                        try
                        {
                            IReadOnlyList<GroupArgs> groups = file.Groups(settings);
                            foreach (int i in groupIndices)
                            {
                                end.CancellationToken.ThrowIfCancellationRequested();
                                Analyze(new ScriptRuleContext(GroupScripts.Analyze(groups[i], scriptFile, index, settings), end.ReportDiagnostic, Options, provider.GlobalOptions));
                            }
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException)
                        {
                            ReportCrash(end.ReportDiagnostic, Options(scriptFile.Path), file, scriptFile.Path, ex);
                        }
                    }
                });
            });
        }

        internal abstract void Analyze(ScriptRuleContext context);

        private void ReportCrash(Action<Diagnostic> report, AnalyzerConfigOptions options, AnalyzedFile file, string path, Exception ex) =>
            RuleReporter.ReportCrash(report, options, file, path, GetType().Name, ex);
    }
}
