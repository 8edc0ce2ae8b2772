using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RayGen.Analysis;
using RayGen.KubeRay;
using RayGen.Yaml;

namespace RayGen.Diagnostics
{
    /// <summary>What a group rule sees: the file, one group's Final Args Model, and a way to report.</summary>
    internal sealed class GroupRuleContext
    {
        private readonly AdditionalFileAnalysisContext _context;

        public GroupRuleContext(AdditionalFileAnalysisContext context, AnalyzedFile file, GroupArgs group, OperatorSettings settings)
        {
            _context = context;
            File = file;
            Group = group;
            Settings = settings;
        }

        public AnalyzedFile File { get; }

        public GroupArgs Group { get; }

        public OperatorSettings Settings { get; }

        public void Report(DiagnosticDescriptor descriptor, SourceSpan span, ProblemSeverity? severity, params object?[] messageArgs) =>
            RuleReporter.Report(_context, File, descriptor, span, severity, messageArgs);

        /// <summary>Reports with related YAML nodes as additional locations (rules.md §0.4).</summary>
        public void Report(DiagnosticDescriptor descriptor, SourceSpan span, System.Collections.Generic.IReadOnlyList<SourceSpan> additionalSpans, ProblemSeverity? severity, params object?[] messageArgs) =>
            RuleReporter.Report(_context, File, descriptor, span, additionalSpans, severity, messageArgs);

        /// <summary>A RayGen analyzer option (e.g. <c>raygen.startWrappers</c>): the file's editorconfig section first, then the global config.</summary>
        public string? Option(string key)
        {
            var provider = _context.Options.AnalyzerConfigOptionsProvider;
            return provider.GetOptions(_context.AdditionalFile).TryGetValue(key, out string? value) || provider.GlobalOptions.TryGetValue(key, out value)
                ? value
                : null;
        }
    }

    /// <summary>
    /// Base of the rules that look at each group's Final Args Model (groups A–C and friends). It runs the
    /// rule once per group with the settings that apply to the file, and turns an unexpected exception into
    /// RAY0199 instead of AD0001.
    /// </summary>
    public abstract class GroupArgsAnalyzer : RuleAnalyzer
    {
        public sealed override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterAdditionalFileAction(AnalyzeFile);
        }

        internal abstract void Analyze(GroupRuleContext context);

        private void AnalyzeFile(AdditionalFileAnalysisContext context)
        {
            if (AnalyzedFile.Get(context) is not { Yaml: not null } file || AnalyzerSettings.OperatorFor(context) is not { } settings)
            {
                return;
            }

            try
            {
                foreach (GroupArgs group in file.Groups(settings))
                {
                    context.CancellationToken.ThrowIfCancellationRequested();
                    Analyze(new GroupRuleContext(context, file, group, settings));
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                RuleReporter.ReportCrash(context, file, GetType().Name, ex);
            }
        }
    }
}
